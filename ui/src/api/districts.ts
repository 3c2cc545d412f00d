import { apiGet } from '../lib/api'
import type { District, Requirement } from '../lib/types'

/** Districts as they publish themselves (no sign-in): `GET /districts`, one district, what it asks of a candidate. */
export const districtsPath = (district: string) => `/api/v1/districts/${district}`

export function listDistricts(): Promise<District[]> {
  return apiGet<District[]>('/api/v1/districts')
}

export function getDistrict(district: string): Promise<District> {
  return apiGet<District>(districtsPath(district))
}

/** The materials asked of a candidate of that category (all categories' union without one). */
export function requirements(district: string, category?: string): Promise<Requirement[]> {
  const q = category ? `?category=${encodeURIComponent(category)}` : ''
  return apiGet<Requirement[]>(`${districtsPath(district)}/requirements${q}`)
}
