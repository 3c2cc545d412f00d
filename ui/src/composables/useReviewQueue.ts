import { ref, type Ref } from 'vue'
import { queue as loadQueue, type Level } from '../api/review'
import type { QueueView } from '../lib/types'

/** The queue of the reviewer's level, in submission order (依序审核); optionally only registrations a quality check warned of. */
export function useReviewQueue(district: () => string, level: Ref<Level>) {
  const queue = ref<QueueView | null>(null)
  const onlyWarned = ref(false)
  const error = ref('')

  async function load() {
    try {
      queue.value = await loadQueue(district(), level.value, onlyWarned.value)
      error.value = ''
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  return { queue, onlyWarned, error, load }
}
