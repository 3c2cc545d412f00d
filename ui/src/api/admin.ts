import { apiGet, apiRaw, apiSend } from '../lib/api'
import type { Change, ConfigDoc } from '../lib/districtConfig'
import type { PluginInfo } from '../lib/pluginSettings'
import { districtsPath } from './districts'

/**
 * A district's administration: its configuration (read as JSON or YAML, saved whole as a new version
 * under If-Match of the version read), sample pictures, versions and their differences, progress and
 * publishing. `etag` is the version read (the ETag header); a refusal comes back as ApiError.
 */
export interface Saved { version: number; changed: boolean }
export interface ConfigVersion { number: number; author: string; at: string; summary: string | null; revertedFrom: number | null }
export interface ConfigDiff { from: number; to: number; changes: Change[] }
export interface Figures { counts: Record<string, number>; backlog: Record<string, number>; medianHoursToDecision: Record<string, number> }
export interface ProgressDay { date: string; registered: number; decided: number }
export interface PublicationScope { level: 'SITE' | 'DISTRICT'; site: string | null; unpublished: number; waiting: number; ready: boolean }

const configPath = (district: string) => `${districtsPath(district)}/config`
const ifMatch = (etag: string | null): Record<string, string> => (etag ? { 'If-Match': etag } : {})

/** The configuration as JSON (with the version's ETag) and as the YAML document it is kept as. */
export async function readConfig(district: string): Promise<{ config: ConfigDoc; etag: string | null; yaml: string }> {
  const [j, y] = await Promise.all([
    apiRaw('GET', configPath(district), { accept: 'application/json' }),
    apiRaw('GET', configPath(district), { accept: 'application/yaml' }),
  ])
  return { etag: j.headers.get('ETag'), config: (await j.json()) as ConfigDoc, yaml: await y.text() }
}

/** Saves the whole document (a ConfigDoc as JSON, or YAML text as the administrator wrote it). */
export async function saveConfig(district: string, doc: ConfigDoc | string, etag: string | null, summary: string): Promise<Saved> {
  const r = await apiRaw('PUT', `${configPath(district)}?summary=${encodeURIComponent(summary)}`, typeof doc === 'string'
    ? { body: doc, contentType: 'application/yaml', headers: ifMatch(etag) }
    : { body: JSON.stringify(doc), contentType: 'application/json', headers: ifMatch(etag) })
  return (await r.json()) as Saved
}

/** The installed plugins, each with the schema of its settings (the form is drawn from these). */
export function installedPlugins(district: string): Promise<PluginInfo[]> {
  return apiGet<PluginInfo[]>(`${districtsPath(district)}/plugins`)
}

export async function putSample(district: string, type: string, file: Blob): Promise<void> {
  await apiRaw('PUT', `${configPath(district)}/samples/${type}`, { body: file, contentType: file.type || 'image/jpeg' })
}

export function versions(district: string): Promise<ConfigVersion[]> {
  return apiGet<ConfigVersion[]>(`${configPath(district)}/versions`)
}

/** What changed from version `n` to the version in force. */
export function diff(district: string, n: number): Promise<ConfigDiff> {
  return apiGet<ConfigDiff>(`${configPath(district)}/versions/${n}/diff`)
}

/** Saves version `n` again as a new version. */
export async function revert(district: string, n: number, etag: string | null): Promise<{ version: number }> {
  const r = await apiRaw('POST', `${configPath(district)}/versions/${n}/revert`, { headers: ifMatch(etag) })
  return (await r.json()) as { version: number }
}

export function progress(district: string): Promise<{ district: Figures; progress: ProgressDay[] }> {
  return apiGet<{ district: Figures; progress: ProgressDay[] }>(`${districtsPath(district)}/progress`)
}

export function publications(district: string): Promise<PublicationScope[]> {
  return apiGet<PublicationScope[]>(`${districtsPath(district)}/publications`)
}

export async function publish(district: string, scope: { level: string; site: string | null }): Promise<{ published: number }> {
  const out = await apiSend<{ published: number }>('POST', `${districtsPath(district)}/publications`, { level: scope.level, site: scope.site ?? undefined })
  return out ?? { published: 0 }
}

/** The district's results for its administrators, as an export (path without the extension). */
export const resultsExportPath = (district: string) => `${districtsPath(district)}/exports/results`
