import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'
import ViewHistory from './ViewHistory.vue'

vi.mock('../lib/api', () => ({
  apiGet: vi.fn(async () => [
    { at: '2026-12-05T08:00:00Z', role: 'site-reviewer', what: 'picture.viewed', materialType: 'diploma' },
    { at: '2026-12-05T07:59:00Z', role: 'district-admin', what: 'registration.viewed', materialType: null },
  ]),
}))

describe('ViewHistory', () => {
  it('loads when opened and says who looked by role, in words', async () => {
    setLocale('zh-CN')
    const api = await import('../lib/api')
    const w = mount(ViewHistory, {
      props: { url: '/api/v1/districts/bj/registrations/R1', typeName: (c: string | null) => (c === 'diploma' ? '学历证书' : '') },
      global: { plugins: [ElementPlus, i18n] },
    })
    expect(api.apiGet).not.toHaveBeenCalled()
    await w.find('.el-collapse-item__header').trigger('click')
    await flushPromises()
    expect(api.apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/registrations/R1/views')
    const items = w.findAll('[data-testid="view"]').map((li) => li.text())
    expect(items[0]).toContain('考点审核员 查看了“学历证书”照片')
    expect(items[1]).toContain('考区管理员 查看了报名信息')
  })
})
