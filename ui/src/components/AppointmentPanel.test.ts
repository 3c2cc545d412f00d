import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'

const apiGet = vi.fn()
const apiSend = vi.fn()
vi.mock('../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a), apiSend: (...a: unknown[]) => apiSend(...a) }))

const slot = (id: string, remaining: number, open = true) =>
  ({ id, site: 'sh-01', date: '2027-03-01', start: '09:00', end: '10:00', capacity: 10, booked: 10 - remaining, remaining, open })

describe('AppointmentPanel', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    apiGet.mockReset().mockResolvedValue([slot('a', 3), slot('b', 0), slot('c', 5, false)])
    apiSend.mockReset().mockResolvedValue({})
  })

  async function panel(props: Record<string, unknown>) {
    const C = (await import('./AppointmentPanel.vue')).default
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const w = mount(C, { props: { district: 'sh', registration: 'r1', site: 'sh-01', appointment: null, complete: true, bookable: true, ...props } as any, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    return w
  }

  it('books a slot with places left, and only those', async () => {
    const w = await panel({})
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/sh/appointment-slots?site=sh-01')
    const buttons = w.findAll('button')
    expect(buttons.map((b) => b.attributes('disabled') !== undefined)).toEqual([false, true, true])
    await buttons[0].trigger('click')
    await flushPromises()
    expect(apiSend).toHaveBeenCalledWith('PUT', '/api/v1/districts/sh/registrations/r1/appointment', { slotId: 'a' })
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('asks for complete materials first', async () => {
    const w = await panel({ complete: false })
    expect(w.text()).toContain('请先上传全部必传材料')
    expect(w.findAll('button').every((b) => b.attributes('disabled') !== undefined)).toBe(true)
  })

  it('shows the booking and cancels it', async () => {
    const w = await panel({ appointment: { registrationId: 'r1', slot: slot('a', 3), status: 'BOOKED', bookedAt: '', checkedInAt: null } })
    expect(w.find('[data-testid=booked]').text()).toContain('2027-03-01 09:00–10:00')
    await w.find('[data-testid=booked] button').trigger('click')
    await flushPromises()
    expect(apiSend).toHaveBeenCalledWith('DELETE', '/api/v1/districts/sh/registrations/r1/appointment')
  })
})
