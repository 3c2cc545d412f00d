/** Slot dates are Beijing dates (the server's too): today there, as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The day the site's schedule opens on: today if it has slots, else the next day with slots, else today. */
export function dayToShow(days: string[], today: string): string {
  if (days.includes(today)) return today
  return [...days].sort().find((d) => d > today) ?? today
}
