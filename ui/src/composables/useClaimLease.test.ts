import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { RENEW_EVERY_MS, useClaimLease } from './useClaimLease'

const apiSend = vi.fn()
vi.mock('../lib/api', () => ({ apiSend: (...a: unknown[]) => apiSend(...a) }))

function withLease() {
  let lease: ReturnType<typeof useClaimLease> | undefined
  const w = mount(defineComponent({ setup() { lease = useClaimLease(() => 'bj'); return () => h('div') } }))
  return { w, lease: lease! }
}

describe('useClaimLease', () => {
  afterEach(() => vi.useRealTimers())

  it('renews the claim of the open registration only, until the page goes', async () => {
    vi.useFakeTimers()
    apiSend.mockReset().mockResolvedValue(null)
    const { w, lease } = withLease()
    lease.keep('r1')
    vi.advanceTimersByTime(RENEW_EVERY_MS - 1)
    expect(apiSend).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(apiSend).toHaveBeenCalledWith('PUT', '/api/v1/districts/bj/registrations/r1/claim')
    lease.keep('r2')                         // another registration opened: r1 is no longer renewed
    apiSend.mockClear()
    vi.advanceTimersByTime(RENEW_EVERY_MS)
    expect(apiSend.mock.calls).toEqual([['PUT', '/api/v1/districts/bj/registrations/r2/claim']])
    w.unmount()
    apiSend.mockClear()
    vi.advanceTimersByTime(RENEW_EVERY_MS * 3)
    expect(apiSend).not.toHaveBeenCalled()
  })

  it('keeps nothing without a registration, and a failed renewal does not stop it', async () => {
    vi.useFakeTimers()
    apiSend.mockReset().mockRejectedValue(new Error('already-claimed'))
    const { lease } = withLease()
    lease.keep(undefined)
    vi.advanceTimersByTime(RENEW_EVERY_MS)
    expect(apiSend).not.toHaveBeenCalled()
    lease.keep('r1')
    await vi.advanceTimersByTimeAsync(RENEW_EVERY_MS * 2)
    expect(apiSend).toHaveBeenCalledTimes(2)
  })
})
