import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'

vi.mock('../lib/api', () => ({ imageUrl: async () => 'blob:x' }))

describe('ImageViewer', () => {
  async function viewer() {
    setLocale('zh-CN')
    const C = (await import('./ImageViewer.vue')).default
    const w = mount(C, { props: { src: '/img/1', alt: '身份证明 1/2' }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    return w
  }
  const transform = (w: Awaited<ReturnType<typeof viewer>>) => (w.find('.content').element as HTMLElement).style.transform

  it('zooms with its buttons and the wheel, within limits', async () => {
    const w = await viewer()
    expect(w.find('[data-testid=zoom-level]').text()).toBe('100%')
    await w.find('[data-testid=zoom-in]').trigger('click')
    expect(w.find('[data-testid=zoom-level]').text()).toBe('125%')
    expect(transform(w)).toContain('scale(1.25)')
    await w.find('.stage').trigger('wheel', { deltaY: 10_000 })
    expect(w.find('[data-testid=zoom-level]').text()).toBe('50%')
    expect(w.find('[data-testid=zoom-out]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid=zoom-in]').attributes('aria-label')).toBe('放大')
  })

  it('turns the view in quarter turns, and resets it for the next picture', async () => {
    const w = await viewer()
    await w.find('[data-testid=rotate-right]').trigger('click')
    expect(transform(w)).toContain('rotate(90deg)')
    expect(w.find('[data-testid=rotation]').text()).toContain('90°')
    await w.find('[data-testid=rotate-left]').trigger('click')
    await w.find('[data-testid=rotate-left]').trigger('click')
    expect(transform(w)).toContain('rotate(270deg)')
    await w.setProps({ src: '/img/2' })
    expect(transform(w)).toContain('rotate(0deg)')
    expect(w.find('[data-testid=rotation]').text()).toBe('')
  })
})
