import type { LocalizedText } from './types'
import type { ConfigDoc, PluginEntry } from './districtConfig'

/**
 * The plugins installed on the server, each describing its settings (GET /districts/{d}/plugins):
 * the admin form is drawn from these, so it knows no plugin by name and a new plugin needs no change here.
 */
export type SettingType = 'TEXT' | 'NUMBER' | 'BYTES' | 'BOOLEAN' | 'CHOICE' | 'CHOICES' | 'SECRET' | 'DATE' | 'TIME' | 'SITE' | 'LIST'
export interface Choice { value: string; label: LocalizedText }
export interface SettingSpec {
  key: string; type: SettingType; label: LocalizedText; group?: LocalizedText
  defaultValue?: unknown; required: boolean; min?: number; max?: number
  choices: Choice[]; fields: SettingSpec[]
}
export interface PluginInfo { id: string; version: string; name: LocalizedText; reviewMode: boolean; settings: SettingSpec[] }
export type Settings = Record<string, unknown>

const isMap = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The value at a dotted key (`types.diploma.max`), or undefined. */
export function getSetting(settings: Settings | undefined, key: string): unknown {
  let at: unknown = settings
  for (const step of key.split('.')) {
    if (!isMap(at)) return undefined
    at = at[step]
  }
  return at
}

/**
 * Sets the value at a dotted key, creating the maps on the way; undefined (or null) removes it,
 * with the maps it leaves empty, so that the plugin's default applies again.
 */
export function setSetting(settings: Settings, key: string, value: unknown) {
  const steps = key.split('.')
  const last = steps.pop()!
  if (value === undefined || value === null) {
    const chain: Settings[] = [settings]
    for (const step of steps) {
      const next = chain[chain.length - 1][step]
      if (!isMap(next)) return
      chain.push(next)
    }
    delete chain[chain.length - 1][last]
    for (let i = steps.length - 1; i >= 0 && Object.keys(chain[i + 1]).length === 0; i--) delete chain[i][steps[i]]
    return
  }
  let at = settings
  for (const step of steps) {
    if (!isMap(at[step])) at[step] = {}
    at = at[step] as Settings
  }
  at[last] = value
}

/**
 * A setting of the server's diff in words from the plugin's schema: `types.diploma.max` of the
 * standard materials is 标准材料 · 学历证书 · 最多张数, `slots[1]` of on-site review 现场审核 · 预约时段 2;
 * undefined for a setting the plugin does not describe.
 */
export function describeSetting(plugins: PluginInfo[], plugin: string, key: string, lt: (t: LocalizedText | undefined) => string): string | undefined {
  const info = plugins.find((p) => p.id === plugin)
  const m = /^(?<base>[^[]+)(?:\[(?<n>\d+)\](?:\.(?<field>.+))?)?$/.exec(key)
  const spec = info?.settings.find((s) => s.key === m?.groups?.base)
  if (!info || !spec || !m?.groups) return undefined
  const { n, field } = m.groups
  const item = field === undefined ? undefined : spec.fields.find((f) => f.key === field)
  if (field !== undefined && !item) return undefined
  const words = [lt(info.name), spec.group && lt(spec.group), lt(spec.label), n !== undefined && String(Number(n) + 1), item && lt(item.label)]
  return words.filter((w) => w).join(' · ')
}

/** A plugin entry's setting, written back in place; the entry loses `settings` when none is left. */
export function setEntrySetting(entry: PluginEntry, key: string, value: unknown) {
  entry.settings ??= {}
  setSetting(entry.settings, key, value)
  if (Object.keys(entry.settings).length === 0) delete entry.settings
}

/** A choice as the form shows it: YAML 1.1 reads an unquoted off/no as false and on/yes as true. */
export function choiceValue(spec: SettingSpec, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'boolean') return String(v)
  const spelled = v ? ['true', 'on', 'yes'] : ['false', 'off', 'no']
  return spec.choices.find((c) => spelled.includes(c.value.toLowerCase()))?.value ?? String(v)
}

/** A new item of a list setting: each field's default, a site field the district's first site. */
export function newItem(spec: SettingSpec, doc: ConfigDoc): Settings {
  const item: Settings = {}
  for (const f of spec.fields) {
    if (f.defaultValue !== undefined) item[f.key] = f.defaultValue
    else if (f.type === 'SITE' && doc.sites.length > 0) item[f.key] = doc.sites[0].code
  }
  return item
}

/** The settings under their headings, in the schema's order (a heading once, where its first setting is). */
export function grouped(settings: SettingSpec[]): { group?: LocalizedText; settings: SettingSpec[] }[] {
  const groups: { group?: LocalizedText; settings: SettingSpec[] }[] = []
  for (const s of settings) {
    const same = groups.find((g) => g.group?.zh === s.group?.zh)
    if (same) same.settings.push(s)
    else groups.push({ group: s.group, settings: [s] })
  }
  return groups
}

/**
 * Switches the review mode: review.mode and the plugin in the list (the old mode's plugin goes, with
 * its settings; the new one starts with the plugin's defaults).
 */
export function setReviewMode(doc: ConfigDoc, mode: string) {
  const old = doc.review.mode
  doc.review.mode = mode
  if (old === mode) return
  const i = doc.plugins.findIndex((p) => p.id === old)
  if (i >= 0) doc.plugins.splice(i, 1, { id: mode })
  else if (!doc.plugins.some((p) => p.id === mode)) doc.plugins.push({ id: mode })
}
