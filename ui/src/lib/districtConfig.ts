import type { LocalizedText } from './types'

/**
 * A district's configuration document (tenant-configs/README.md) as the admin forms edit it: the
 * JSON the config API returns, changed in place and sent back whole, so fields the forms do not
 * show (plugin settings they do not know, claimMinutes…) survive an edit untouched.
 */
export interface PluginEntry { id: string; settings?: Record<string, unknown> }
export interface ConfigDoc {
  code: string; name: LocalizedText; examYear: number
  review: { mode: string; publishOutcomes?: string; claimMinutes?: number; commentTemplates?: LocalizedText[] }
  uploadWindow: { opens: string; closes: string }
  watermark?: string
  sites: { code: string; name: LocalizedText }[]
  plugins: PluginEntry[]
  [other: string]: unknown
}

const BEIJING_MS = 8 * 3600_000

/** An ISO date-time with any offset, as Beijing wall time for a datetime-local input (YYYY-MM-DDTHH:mm:ss). */
export function toBeijingLocal(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 19)
}

/** A datetime-local value (Beijing wall time, seconds optional) as ISO text with +08:00, as the files write it. */
export function fromBeijingLocal(local: string): string {
  const v = local.length === 16 ? `${local}:00` : local.slice(0, 19)
  return `${v}+08:00`
}

/** A deep copy (the document is plain JSON). */
export function copyDoc<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T
}

/**
 * A field path of the server's diff (`sites[bj-02].name.zh`) as words: the i18n key of what it is,
 * and the things it names (a site, a template…). A plugin's setting is `setting` with the plugin and
 * the setting's key, which the plugin's schema puts in words ({@link describeSetting}).
 */
export function describePath(path: string): { key: string; args: Record<string, string> } {
  const rules: [RegExp, string][] = [
    [/^watermark$/, 'watermark'],
    [/^uploadWindow\.opens$/, 'opens'],
    [/^uploadWindow\.closes$/, 'closes'],
    [/^review\.mode$/, 'mode'],
    [/^review\.publishOutcomes$/, 'publishOutcomes'],
    [/^review\.commentTemplates\[(?<n>\d+)\](?:\.(?<lang>zh|en))?$/, 'template'],
    [/^review\.commentTemplates$/, 'templates'],
    [/^sites\[(?<site>[^\]]+)\](?:\.name\.(?<lang>zh|en))?$/, 'site'],
    [/^plugins\[(?<plugin>[^\]]+)\]\.settings\.(?<key>.+)$/, 'setting'],
    [/^plugins\[(?<plugin>[^\]]+)\]$/, 'plugin'],
    [/^name\.(?<lang>zh|en)$/, 'name'],
    [/^examYear$/, 'examYear'],
  ]
  for (const [re, key] of rules) {
    const m = re.exec(path)
    if (m) {
      const args: Record<string, string> = {}
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) args[k] = k === 'n' ? String(Number(v) + 1) : v
      return { key, args }
    }
  }
  return { key: 'other', args: { path } }
}

export interface Change { path: string; before: unknown; after: unknown }

const isSection = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The server names a section added or removed as one change (`settings.types: — → {diploma: {max: 1}}`);
 * the table shows its fields one by one instead. Items of lists (a site, a slot) stay whole.
 */
export function flattenChanges(changes: Change[]): Change[] {
  return changes.flatMap((c) => {
    if (c.path.endsWith(']') || !(isSection(c.before) || isSection(c.after)) || (isSection(c.before) && isSection(c.after))) return [c]
    const before = isSection(c.before) ? c.before : {}
    const after = isSection(c.after) ? c.after : {}
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return flattenChanges(keys.map((k) => ({ path: `${c.path}.${k}`, before: before[k] ?? null, after: after[k] ?? null })))
  })
}

/** A value of the diff, short enough for a table cell. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'string') return v
  if (isSection(v) && 'zh' in v) return (v as unknown as LocalizedText).zh
  // a site: its code and name
  if (isSection(v) && typeof v.code === 'string' && isSection(v.name)) return `${v.code} ${(v.name as unknown as LocalizedText).zh}`
  return JSON.stringify(v)
}
