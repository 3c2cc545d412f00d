import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { i18n, setLocale } from '../../i18n'

const apiGet = vi.fn()
const apiRaw = vi.fn()
vi.mock('../../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a), apiRaw: (...a: unknown[]) => apiRaw(...a) }))
vi.setConfig({ testTimeout: 30_000 })

const versions = [
  { number: 1, author: 'system', at: '2026-11-20T08:00:00Z', summary: 'seeded', revertedFrom: null },
  { number: 2, author: 'bj-admin', at: '2026-11-26T10:00:00Z', summary: '1 change: watermark', revertedFrom: null },
]

const L = (zh: string, en: string) => ({ zh, en })
const plugins = [{ id: 'standard-materials', version: '1', name: L('标准材料', 'Standard materials'), reviewMode: false, settings: [
  { key: 'types.diploma.max', type: 'NUMBER', label: L('最多张数', 'Most pictures'), group: L('学历证书', 'Diploma'), required: false, choices: [], fields: [] }] }]

async function mountHistory() {
  const ConfigHistory = (await import('./ConfigHistory.vue')).default
  const w = mount(ConfigHistory, { props: { district: 'bj', etag: '"2"' }, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  return w
}

describe('ConfigHistory', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    apiGet.mockReset().mockImplementation(async (path: string) => (path.endsWith('/diff')
      ? { from: 1, to: 2, changes: [
        { path: 'watermark', before: '北京考区', after: '北京考区 2027' },
        { path: 'plugins[standard-materials].settings.types', before: null, after: { diploma: { max: 1 } } },
        { path: 'plugins[sms-notifications].settings.signName', before: null, after: '北京考区' },
      ] }
      : path.endsWith('/plugins') ? plugins : versions))
    apiRaw.mockReset().mockResolvedValue(new Response(JSON.stringify({ version: 3, changed: true })))
  })

  it('shows the difference between a version and the current one in words', async () => {
    const w = await mountHistory()
    expect(w.text()).toContain('1 change: watermark')
    // the current version offers nothing to compare
    expect(w.find('[data-testid=compare-2]').exists()).toBe(false)
    await w.find('[data-testid=compare-1]').trigger('click')
    await flushPromises()
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/config/versions/1/diff')
    const rows = w.findAll('[data-testid=change]').map((r) => r.findAll('th, td').map((c) => c.text()))
    // the setting in the words of the plugin's schema; one the schemas do not describe, by its key
    expect(rows).toEqual([['水印文字', '北京考区', '北京考区 2027'], ['标准材料 · 学历证书 · 最多张数', '—', '1'],
      ['插件 sms-notifications 的设置 signName', '—', '北京考区']])
  })

  it('restores a version after asking, under the version in force', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const w = await mountHistory()
    await w.find('[data-testid=revert-1]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledOnce()
    expect(apiRaw).toHaveBeenCalledWith('POST', '/api/v1/districts/bj/config/versions/1/revert', { headers: { 'If-Match': '"2"' } })
    expect(w.emitted('reverted')).toEqual([[3]])
  })

  it('restores nothing when the administrator cancels', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const w = await mountHistory()
    await w.find('[data-testid=revert-1]').trigger('click')
    await flushPromises()
    expect(apiRaw).not.toHaveBeenCalled()
    expect(w.emitted('reverted')).toBeUndefined()
  })
})
