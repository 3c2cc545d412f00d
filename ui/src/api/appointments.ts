import { apiGet, apiSend } from '../lib/api'
import type { Appointment, Claim, Slot } from '../lib/types'
import { districtsPath } from './districts'
import { registrationPath } from './registrations'

/** On-site review (现场审核): the slots, a candidate's booking, a site's day and its check-ins. */
export function slots(district: string, site?: string | null): Promise<Slot[]> {
  return apiGet<Slot[]>(`${districtsPath(district)}/appointment-slots${site ? `?site=${encodeURIComponent(site)}` : ''}`)
}

const appointmentPath = (district: string, registration: string) => `${registrationPath(district, registration)}/appointment`

export async function book(district: string, registration: string, slotId: string): Promise<void> {
  await apiSend('PUT', appointmentPath(district, registration), { slotId })
}

export async function cancel(district: string, registration: string): Promise<void> {
  await apiSend('DELETE', appointmentPath(district, registration))
}

/** A day's appointments (yyyy-MM-dd) at the caller's sites. */
export function day(district: string, date: string): Promise<Appointment[]> {
  return apiGet<Appointment[]>(`${districtsPath(district)}/appointments?date=${date}`)
}

export async function checkIn(district: string, registration: string): Promise<Claim | null> {
  return apiSend<Claim>('POST', `${appointmentPath(district, registration)}/check-in`)
}
