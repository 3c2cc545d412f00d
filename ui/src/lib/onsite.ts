import type { RegistrationView } from './types'

/** Slot dates are Beijing dates (the server's too): today there, as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The day the site's schedule opens on: today if it has slots, else the next day with slots, else today. */
export function dayToShow(days: string[], today: string): string {
  if (days.includes(today)) return today
  return [...days].sort().find((d) => d > today) ?? today
}

/**
 * Whether the candidate may book, move or cancel an on-site appointment: while filling in, and not
 * between check-in and the site's result; after a return for changes (comments newer than the
 * check-in) they book again, as the server allows.
 */
export function mayBook(r: Pick<RegistrationView, 'status' | 'appointment' | 'comments'>): boolean {
  if (r.status !== 'FILLING') return false
  const checkedIn = r.appointment?.status === 'CHECKED_IN' ? r.appointment.checkedInAt : null
  return !checkedIn || r.comments.some((c) => c.open && Date.parse(c.createdAt) > Date.parse(checkedIn))
}
