import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../../i18n'
import ReuseReport from './ReuseReport.vue'

vi.mock('../../lib/api', () => ({ imageUrl: vi.fn(async (src: string) => `blob:${src}`) }))
vi.mock('../../api/national', () => ({ reuseReport: vi.fn() }))

const bj = { district: 'bj', site: 'bj-01', registration: 'R1', image: 'I1', materialType: 'id-card', imageUrl: '/api/v1/districts/bj/registrations/R1/images/I1' }
const sh = { district: 'sh', site: 'sh-02', registration: 'R9', image: 'I9', materialType: 'id-card', imageUrl: '/api/v1/districts/sh/registrations/R9/images/I9' }

describe('ReuseReport', () => {
  it('lists the pairs across districts and shows a pair side by side', async () => {
    setLocale('zh-CN')
    const national = await import('../../api/national')
    const api = await import('../../lib/api')
    vi.mocked(national.reuseReport).mockResolvedValue({ generatedAt: '2026-12-06T08:00:00Z', total: 1, pairs: [{ first: bj, second: sh, distance: 4, foundAt: '2026-12-06T07:00:00Z' }] })
    const w = mount(ReuseReport, { global: { plugins: [ElementPlus, i18n] }, attachTo: document.body })
    await flushPromises()
    expect(national.reuseReport).toHaveBeenCalledWith(200)
    expect(w.text()).toContain('跨考区疑似重复使用的图片')
    expect(w.text()).toContain('共 1 对')
    expect(w.text()).toContain('bj · bj-01 · 报名 R1 · id-card')
    expect(w.text()).toContain('sh · sh-02 · 报名 R9 · id-card')
    expect(w.text()).toContain('4/64')
    await w.find('[data-testid="reuse-report-compare"]').trigger('click')
    await flushPromises()
    expect(api.imageUrl).toHaveBeenCalledWith(bj.imageUrl)
    expect(api.imageUrl).toHaveBeenCalledWith(sh.imageUrl)
    w.unmount()
  })

  it('says in words when the report cannot be read', async () => {
    setLocale('zh-CN')
    const national = await import('../../api/national')
    vi.mocked(national.reuseReport).mockRejectedValue(new Error('没有权限查看'))
    const w = mount(ReuseReport, { global: { plugins: [ElementPlus, i18n] } })
    await flushPromises()
    expect(w.text()).toContain('没有权限查看')
    expect(w.find('table').exists()).toBe(false)
  })
})
