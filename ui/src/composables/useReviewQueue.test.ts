import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import type { Level } from '../api/review'
import { useReviewQueue } from './useReviewQueue'

const apiGet = vi.fn()
vi.mock('../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a) }))

describe('useReviewQueue', () => {
  it('loads the level asked for, only the warned ones when filtered, and keeps the last queue on a refusal', async () => {
    apiGet.mockReset().mockResolvedValue({ level: 'DISTRICT', waiting: 2, items: [] })
    const level = ref<Level>('DISTRICT')
    const q = useReviewQueue(() => 'gd', level)
    await q.load()
    expect(apiGet).toHaveBeenLastCalledWith('/api/v1/districts/gd/review-queue?level=DISTRICT')
    q.onlyWarned.value = true
    await q.load()
    expect(apiGet).toHaveBeenLastCalledWith('/api/v1/districts/gd/review-queue?level=DISTRICT&qualityWarnings=true')
    apiGet.mockRejectedValueOnce(new Error('您没有执行此操作的权限'))
    await q.load()
    expect(q.error.value).toBe('您没有执行此操作的权限')
    expect(q.queue.value?.waiting).toBe(2)
  })
})
