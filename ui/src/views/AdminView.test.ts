import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'
import { session } from '../lib/auth'

const apiGet = vi.fn()
const apiRaw = vi.fn()
vi.mock('../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a), apiRaw: (...a: unknown[]) => apiRaw(...a) }))

describe('AdminView', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    Object.assign(session, { authenticated: true, district: 'bj', roles: ['district-admin'] })
    apiGet.mockReset().mockResolvedValue([{ number: 2, author: 'bj-admin', at: '2026-11-26T10:00:00Z', summary: '延长上传时间', revertedFrom: null }])
    apiRaw.mockReset().mockImplementation(async (method: string) =>
      method === 'GET' ? new Response('code: bj\nexamYear: 2027\n', { headers: { ETag: '"2"' } }) : new Response('{}'))
  })

  it('edits the YAML under the version it read (If-Match)', async () => {
    const w = mount((await import('./AdminView.vue')).default, { global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(apiRaw).toHaveBeenCalledWith('GET', '/api/v1/districts/bj/config', { accept: 'application/yaml' })
    const textarea = w.find('textarea')
    expect((textarea.element as HTMLTextAreaElement).value).toContain('examYear: 2027')
    expect(w.text()).toContain('延长上传时间')
    await textarea.setValue('code: bj\nexamYear: 2028\n')
    await w.find('.el-button--primary').trigger('click')
    await flushPromises()
    expect(apiRaw).toHaveBeenCalledWith('PUT', '/api/v1/districts/bj/config?summary=', {
      body: 'code: bj\nexamYear: 2028\n', contentType: 'application/yaml', headers: { 'If-Match': '"2"' },
    })
  })
})
