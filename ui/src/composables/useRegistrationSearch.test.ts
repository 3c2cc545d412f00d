import { describe, expect, it, vi } from 'vitest'
import { safeSnippet, useRegistrationSearch } from './useRegistrationSearch'

const apiGet = vi.fn()
vi.mock('../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a) }))

describe('useRegistrationSearch', () => {
  it('keeps only the <em> of a snippet', () => {
    expect(safeSnippet('<em>张</em>伟<img src=x onerror=alert(1)><script>x</script>')).toBe('<em>张</em>伟x')
  })

  it('searches the district with the trimmed query, and clears without asking the server', async () => {
    apiGet.mockReset().mockResolvedValue({ total: 1, hits: [{ registrationId: 'r1', candidateName: '张伟', site: 'bj-01', status: 'FILLING', snippets: [] }] })
    const s = useRegistrationSearch(() => 'bj')
    s.q.value = '  张 伟 '
    await s.search()
    expect(apiGet).toHaveBeenCalledWith(`/api/v1/districts/bj/search?q=${encodeURIComponent('张 伟')}&limit=20`)
    expect(s.hits.value?.map((h) => h.candidateName)).toEqual(['张伟'])
    s.q.value = ' '
    await s.search()
    expect(s.hits.value).toBeNull()
    expect(apiGet).toHaveBeenCalledTimes(1)
  })

  it('says why when the search is not available', async () => {
    apiGet.mockReset().mockRejectedValue(new Error('检索暂不可用'))
    const s = useRegistrationSearch(() => 'bj')
    s.q.value = '张伟'
    await s.search()
    expect(s.error.value).toBe('检索暂不可用')
  })
})
