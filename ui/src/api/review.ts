import { apiGet, apiSend } from '../lib/api'
import type { Claim, QueueView, RegistrationView, ReviewContext } from '../lib/types'
import { districtsPath } from './districts'
import { registrationPath } from './registrations'

/** The reviewer's workbench: the queue of a level, claims (leases), decisions, the review context, search. */
export type Level = 'SITE' | 'DISTRICT'

export interface SearchHit { registrationId: string; candidateName: string; site: string; status: string; snippets: { field: string; html: string }[] }

/** What one review sends: picture decisions (online) or material results (on site), comments, an outcome. */
export interface ReviewRequest {
  level: Level
  images: { imageId: string; decision: 'APPROVE' | 'REQUEST_CHANGES' | null; comment: string | null }[]
  materials: { materialType: string; result: 'ORIGINALS_SEEN' | 'PROBLEM' | null; comment: string | null }[]
  comments: { body: string; visibility: 'CANDIDATE' | 'INTERNAL'; materialType: null }[]
  outcome: string | null
  reason: string | null
}

export function queue(district: string, level: Level, qualityWarnings = false): Promise<QueueView> {
  return apiGet<QueueView>(`${districtsPath(district)}/review-queue?level=${level}${qualityWarnings ? '&qualityWarnings=true' : ''}`)
}

/** The next registration in queue order, claimed; null when nothing is left (204). */
export function claimNext(district: string, level: Level): Promise<Claim | null> {
  return apiSend<Claim>('POST', `${districtsPath(district)}/review-queue/claims?level=${level}`)
}

/** Claims a registration, or renews the caller's lease on it. */
export async function claim(district: string, id: string): Promise<void> {
  await apiSend('PUT', `${registrationPath(district, id)}/claim`)
}

export async function release(district: string, id: string): Promise<void> {
  await apiSend('DELETE', `${registrationPath(district, id)}/claim`)
}

export async function submitReview(district: string, id: string, body: ReviewRequest): Promise<RegistrationView> {
  return (await apiSend<RegistrationView>('POST', `${registrationPath(district, id)}/reviews`, body))!
}

export function reviewContext(district: string, id: string): Promise<ReviewContext> {
  return apiGet<ReviewContext>(`${registrationPath(district, id)}/review-context`)
}

export async function search(district: string, q: string, limit = 20): Promise<SearchHit[]> {
  return (await apiGet<{ total: number; hits: SearchHit[] }>(`${districtsPath(district)}/search?q=${encodeURIComponent(q)}&limit=${limit}`)).hits
}
