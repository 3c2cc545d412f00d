import { onBeforeUnmount } from 'vue'
import { claim } from '../api/review'

/** A claim is a lease the server lets expire; renewed this often while its registration is open. */
export const RENEW_EVERY_MS = 4 * 60_000

/**
 * Keeps the reviewer's claim on the open registration alive: `keep(id)` renews it every few minutes
 * until another registration is kept, `stop()` is called, or the page goes.
 */
export function useClaimLease(district: () => string) {
  let timer: ReturnType<typeof setInterval> | undefined

  function stop() {
    clearInterval(timer)
    timer = undefined
  }

  function keep(id: string | undefined) {
    stop()
    if (!id) return
    timer = setInterval(() => { claim(district(), id).catch(() => undefined) }, RENEW_EVERY_MS)
  }

  onBeforeUnmount(stop)
  return { keep, stop }
}
