import { describe, expect, it } from 'vitest'
import { dayToShow, mayBook, todayInChina } from './onsite'
import { clampZoom, fitWhenTurned } from './viewer'

describe('on-site day', () => {
  it('is the Beijing date', () => {
    // 20:30 UTC on 8 March is 04:30 on 9 March in Beijing.
    expect(todayInChina(new Date('2098-03-08T20:30:00Z'))).toBe('2098-03-09')
    expect(todayInChina(new Date('2098-03-08T15:59:00Z'))).toBe('2098-03-08')
  })
  it('opens on today, else the next day with slots, else today', () => {
    expect(dayToShow(['2020-03-09', '2098-03-09', '2098-03-10'], '2098-03-09')).toBe('2098-03-09')
    expect(dayToShow(['2098-03-10', '2020-03-09', '2098-03-09'], '2026-11-26')).toBe('2098-03-09')
    expect(dayToShow(['2020-03-09'], '2026-11-26')).toBe('2026-11-26')
  })
})

describe('mayBook', () => {
  const slot = { id: 's', site: 'x', date: '2098-03-09', start: '09:00', end: '11:30', capacity: 5, booked: 1, remaining: 4, open: true }
  const at = (status: string, checkedInAt: string | null) => ({ registrationId: 'r', slot, status, bookedAt: '', checkedInAt })
  const comment = (createdAt: string, open = true) => ({ id: 'c', level: 'SITE', materialType: null, imageId: null, body: 'x', author: 'a', createdAt, open })
  it('books while filling in, not once checked in until the site returns it', () => {
    expect(mayBook({ status: 'FILLING', appointment: null, comments: [] })).toBe(true)
    expect(mayBook({ status: 'FILLING', appointment: at('BOOKED', null), comments: [] })).toBe(true)
    expect(mayBook({ status: 'FILLING', appointment: at('CHECKED_IN', '2098-03-09T01:10:00Z'), comments: [comment('2098-03-08T01:00:00Z')] })).toBe(false)
    expect(mayBook({ status: 'FILLING', appointment: at('CHECKED_IN', '2098-03-09T01:10:00Z'), comments: [comment('2098-03-09T01:30:00Z')] })).toBe(true)
    expect(mayBook({ status: 'SITE_PASSED', appointment: at('CHECKED_IN', '2098-03-09T01:10:00Z'), comments: [] })).toBe(false)
  })
})

describe('viewer maths', () => {
  it('keeps zoom between 50 % and 800 %, snapping to 100 %', () => {
    expect(clampZoom(0.1)).toBe(0.5)
    expect(clampZoom(20)).toBe(8)
    expect(clampZoom(1.01)).toBe(1)
    expect(clampZoom(1.25)).toBe(1.25)
  })
  it('shrinks a quarter-turned picture to fit its 4:3 stage', () => {
    expect(fitWhenTurned(800, 600)).toBeCloseTo(0.75)
    expect(fitWhenTurned(600, 800)).toBeCloseTo(0.75)
  })
})
