import { apiGet } from '../lib/api'
import type { ReuseReport } from '../lib/types'

/** National administrators: the status of every district, search across them, pictures reused between them. */
export interface DistrictStatus { district: string; name: string; registrations: number; counts: Record<string, number>; backlog?: Record<string, number> }
export interface NationalDay { date: string; district: string; registered: number; decided: number }
export interface NationalStatus { generatedAt: string; districts: DistrictStatus[]; total?: DistrictStatus; progress?: NationalDay[] }
export interface NationalHit { district: string; registrationId: string; candidateName: string; site: string; status: string; snippets: { field: string; html: string }[] }
export interface NationalSearchResult { total: number; hits: NationalHit[] }

export function status(): Promise<NationalStatus> {
  return apiGet<NationalStatus>('/api/v1/national/status')
}

export function search(q: string, limit = 20): Promise<NationalSearchResult> {
  return apiGet<NationalSearchResult>(`/api/v1/national/search?q=${encodeURIComponent(q)}&limit=${limit}`)
}

export function reuseReport(limit = 200): Promise<ReuseReport> {
  return apiGet<ReuseReport>(`/api/v1/national/reuse?limit=${limit}`)
}

export const summaryExportPath = '/api/v1/national/exports/summary'
