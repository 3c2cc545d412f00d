import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { i18n, setLocale } from '../../i18n'
import { ApiError } from '../../lib/api'

const apiGet = vi.fn()
const apiSend = vi.fn()
vi.mock('../../lib/api', async (original) => ({
  ...(await original<typeof import('../../lib/api')>()),
  apiGet: (...a: unknown[]) => apiGet(...a), apiSend: (...a: unknown[]) => apiSend(...a),
}))
vi.setConfig({ testTimeout: 30_000 })

const figures = { district: { counts: { FILLING: 3, SITE_PASSED: 1, APPROVED: 2, REJECTED: 0 }, backlog: { SITE: 2, DISTRICT: 1 }, medianHoursToDecision: {} }, progress: [] }
const scopes = [
  { level: 'SITE', site: 'bj-01', unpublished: 0, waiting: 2, ready: false },
  { level: 'DISTRICT', site: null, unpublished: 2, waiting: 1, ready: false },
]
const district = { code: 'bj', name: { zh: '北京考区', en: 'Beijing' }, sites: [{ code: 'bj-01', name: { zh: '东城考点', en: 'Dongcheng' } }] }

async function mountProgress(readonly = false) {
  const DistrictProgress = (await import('./DistrictProgress.vue')).default
  const w = mount(DistrictProgress, { props: { district: 'bj', readonly }, global: { plugins: [i18n, ElementPlus], stubs: { EChart: true } } })
  await flushPromises()
  return w
}

describe('DistrictProgress', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    apiGet.mockReset().mockImplementation(async (p: string) => (p.endsWith('/progress') ? figures : p.endsWith('/publications') ? scopes : district))
    apiSend.mockReset()
  })

  it('shows counts, backlog and what waits to be published; a refusal to publish in words', async () => {
    apiSend.mockRejectedValue(new ApiError(409, { code: 'reviews-unfinished' }, '还有 2 个报名待审核,审核全部结束后才能发布结果'))
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const w = await mountProgress()
    expect(w.find('[data-testid=count-FILLING]').text()).toContain('3')
    expect(w.find('[data-testid=backlog-SITE]').text()).toContain('2')
    expect(w.text()).toContain('东城考点 考点审核结果')
    await w.find('[data-testid=publish-SITE-bj-01]').trigger('click')
    await flushPromises()
    expect(apiSend).toHaveBeenCalledWith('POST', '/api/v1/districts/bj/publications', { level: 'SITE', site: 'bj-01' })
    expect(w.find('[data-testid=publish-refusal]').text()).toBe('不能发布:还有 2 个报名待审核,审核全部结束后才能发布结果')
  })

  it('has no publish or export buttons when read-only (national administrators)', async () => {
    const w = await mountProgress(true)
    expect(w.find('[data-testid=count-APPROVED]').text()).toContain('2')
    expect(w.find('[data-testid^=publish-]').exists()).toBe(false)
    expect(w.find('[data-testid=export-csv]').exists()).toBe(false)
  })
})
