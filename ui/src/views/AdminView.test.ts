import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'
import { session } from '../lib/auth'

const apiGet = vi.fn()
const apiRaw = vi.fn()
vi.mock('../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a), apiRaw: (...a: unknown[]) => apiRaw(...a) }))
vi.setConfig({ testTimeout: 30_000 })

const json = { code: 'bj', name: { zh: '北京考区', en: 'Beijing' }, examYear: 2027, review: { mode: 'online-review' },
  uploadWindow: { opens: '2026-11-01T00:00:00+08:00', closes: '2027-12-31T23:59:59+08:00' }, watermark: '北京考区', sites: [], plugins: [] }

describe('AdminView', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    Object.assign(session, { authenticated: true, district: 'bj', roles: ['district-admin'] })
    apiGet.mockReset().mockResolvedValue([])
    apiRaw.mockReset().mockImplementation(async (method: string, _path: string, opts: { accept?: string }) => {
      if (method !== 'GET') return new Response(JSON.stringify({ version: 3, changed: true }))
      return opts.accept === 'application/yaml'
        ? new Response('code: bj\nexamYear: 2027\n', { headers: { ETag: '"2"' } })
        : new Response(JSON.stringify(json), { headers: { ETag: '"2"' } })
    })
  })

  it('shows the version in force and edits the YAML under it (If-Match), in the advanced tab', async () => {
    const w = mount((await import('./AdminView.vue')).default, { global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(apiRaw).toHaveBeenCalledWith('GET', '/api/v1/districts/bj/config', { accept: 'application/yaml' })
    expect(w.find('[data-testid=current-version]').text()).toBe('当前为第 2 版')
    expect((w.find('input[data-testid=watermark]').element as HTMLInputElement).value).toBe('北京考区')
    const textarea = w.find('textarea')
    expect((textarea.element as HTMLTextAreaElement).value).toContain('examYear: 2027')
    await textarea.setValue('code: bj\nexamYear: 2028\n')
    await w.find('[data-testid=save-yaml]').trigger('click')
    await flushPromises()
    expect(apiRaw).toHaveBeenCalledWith('PUT', '/api/v1/districts/bj/config?summary=', {
      body: 'code: bj\nexamYear: 2028\n', contentType: 'application/yaml', headers: { 'If-Match': '"2"' },
    })
  })
})
