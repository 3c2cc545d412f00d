import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../../i18n'
import ReuseFlags from './ReuseFlags.vue'

vi.mock('../../lib/api', () => ({ imageUrl: vi.fn(async (src: string) => `blob:${src}`) }))

const named = {
  named: true, otherDistrict: 'bj', otherRegistration: 'R2', otherImage: 'I2', otherImageUrl: '/api/v1/districts/bj/registrations/R2/images/I2',
  otherMaterialType: 'id-card', distance: 3, foundAt: '2026-12-05T08:00:00Z',
}
const unnamed = { ...named, named: false, otherRegistration: null, otherImage: null, otherImageUrl: null, distance: 5 }

describe('ReuseFlags', () => {
  it('names the other registration and shows both pictures side by side', async () => {
    setLocale('zh-CN')
    const api = await import('../../lib/api')
    const w = mount(ReuseFlags, {
      props: { flags: [named], imageUrl: '/api/v1/districts/bj/registrations/R1/images/I1', imageCaption: '张三 · 身份证' },
      global: { plugins: [ElementPlus, i18n] },
      attachTo: document.body,
    })
    expect(w.text()).toContain('疑似重复使用(1)')
    expect(w.text()).toContain('与bj考区报名 R2 的图片相似(差异 3/64)')
    await w.find('[data-testid="reuse-compare-button"]').trigger('click')
    await flushPromises()
    expect(api.imageUrl).toHaveBeenCalledWith('/api/v1/districts/bj/registrations/R1/images/I1')
    expect(api.imageUrl).toHaveBeenCalledWith('/api/v1/districts/bj/registrations/R2/images/I2')
    w.unmount()
  })

  it('only mentions a match outside the reviewer’s scope', () => {
    setLocale('zh-CN')
    const w = mount(ReuseFlags, {
      props: { flags: [unnamed], imageUrl: '/x', imageCaption: 'x' },
      global: { plugins: [ElementPlus, i18n] },
    })
    expect(w.text()).toContain('与本考区其他考点考生的图片相似(差异 5/64)')
    expect(w.find('[data-testid="reuse-compare-button"]').exists()).toBe(false)
  })
})
