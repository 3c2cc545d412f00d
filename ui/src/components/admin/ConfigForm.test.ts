import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'
import { i18n, setLocale } from '../../i18n'
import type { ConfigDoc } from '../../lib/districtConfig'

const apiGet = vi.fn()
const apiRaw = vi.fn()
vi.mock('../../lib/api', () => ({ apiGet: (...a: unknown[]) => apiGet(...a), apiRaw: (...a: unknown[]) => apiRaw(...a) }))

const config = (): ConfigDoc => ({
  code: 'bj', name: { zh: '北京考区', en: 'Beijing' }, examYear: 2027,
  review: { mode: 'online-review', publishOutcomes: 'on-publish', commentTemplates: [{ zh: '照片模糊', en: 'Blurred' }] },
  uploadWindow: { opens: '2026-11-01T00:00:00+08:00', closes: '2027-12-31T23:59:59+08:00' },
  watermark: '北京考区',
  sites: [{ code: 'bj-01', name: { zh: '东城考点', en: 'Dongcheng' } }],
  plugins: [{ id: 'standard-materials', settings: { maxBytes: 204800 } }, { id: 'online-review' }],
})
const L = (zh: string, en: string) => ({ zh, en })
const num = (key: string, label: string, more: object = {}) => ({ key, type: 'NUMBER', label: L(label, label), required: false, choices: [], fields: [], ...more })
/** What GET /plugins says: the form knows the plugins only from this. */
const installed = [
  { id: 'standard-materials', version: '1', name: L('标准材料', 'Standard materials'), reviewMode: false, settings: [
    { ...num('maxBytes', '每张图片最大'), type: 'BYTES', defaultValue: 204800 },
    num('types.diploma.max', '最多张数', { group: L('学历证书', 'Diploma'), defaultValue: 2, min: 1, max: 20 })] },
  { id: 'online-review', version: '1', name: L('网上审核', 'Online review'), reviewMode: true, settings: [] },
  { id: 'onsite-review', version: '1', name: L('现场审核', 'On-site review'), reviewMode: true, settings: [
    num('bookingCutoffHours', '预约截止', { defaultValue: 24 }),
    { ...num('slots', '预约时段'), type: 'LIST', fields: [{ ...num('site', '考点'), type: 'SITE', required: true }, num('capacity', '容量', { defaultValue: 30 })] }] },
  { id: 'lab-materials', version: '1', name: L('化验单', 'Lab reports'), reviewMode: false, settings: [
    { ...num('mode', '方式'), type: 'CHOICE', defaultValue: 'warn', choices: [{ value: 'warn', label: L('提醒', 'Warn') }, { value: 'refuse', label: L('拒收', 'Refuse') }] }] },
]
const diploma = { code: 'diploma', name: { zh: '学历证书', en: 'Diploma' }, sampleUrl: '/api/v1/districts/bj/material-types/diploma/sample?category=clinical-physician', minImages: 1, maxImages: 2, fixedCount: false, required: true, formats: ['image/jpeg'], maxBytes: 204800 }

async function mountForm(elementLocale = zhCn) {
  const ConfigForm = (await import('./ConfigForm.vue')).default
  const w = mount(ConfigForm, { props: { district: 'bj', config: config(), etag: '"3"' }, global: { plugins: [i18n, [ElementPlus, { locale: elementLocale }]] }, attachTo: document.body })
  await flushPromises()
  return w
}
function sent(): ConfigDoc {
  const put = apiRaw.mock.calls.find((c) => c[0] === 'PUT')!
  return JSON.parse(put[2].body as string) as ConfigDoc
}

// The first mount imports all of Element Plus: slow on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 })

describe('ConfigForm', () => {
  beforeEach(() => {
    setLocale('zh-CN')
    apiGet.mockReset().mockImplementation((path: string) => Promise.resolve(path.endsWith('/plugins') ? installed : [diploma]))
    apiRaw.mockReset().mockResolvedValue(new Response(JSON.stringify({ version: 4, changed: true, changes: [] })))
  })

  it('saves the edited fields as the whole document, under the version read (If-Match)', async () => {
    const w = await mountForm()
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/requirements')
    expect(w.text()).toContain('学历证书')
    expect(w.text()).toContain('网上审核')
    await w.find('input[data-testid=watermark]').setValue('北京考区 2027')
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/plugins')
    const max = w.find('[data-testid="setting-standard-materials-types.diploma.max"] input')
    await max.setValue('1')
    await max.trigger('change')
    // what the picker hands back once a date and time are chosen (Beijing wall time)
    w.findAllComponents({ name: 'ElDatePicker' })[1].vm.$emit('update:modelValue', '2028-01-31T18:00:00')
    await w.find('[data-testid=save-config]').trigger('click')
    await flushPromises()

    const put = apiRaw.mock.calls.find((c) => c[0] === 'PUT')!
    expect(put[1]).toBe('/api/v1/districts/bj/config?summary=')
    expect(put[2]).toMatchObject({ contentType: 'application/json', headers: { 'If-Match': '"3"' } })
    const expected = config()
    expected.watermark = '北京考区 2027'
    expected.plugins[0].settings = { maxBytes: 204800, types: { diploma: { max: 1 } } }
    expected.uploadWindow.closes = '2028-01-31T18:00:00+08:00'
    expect(sent()).toEqual(expected)
    expect(w.emitted('saved')).toEqual([[4]])
    w.unmount()
  })

  it('adds a site and, in on-site mode, a slot for it', async () => {
    const w = await mountForm()
    const slots = '[data-testid="setting-onsite-review-slots"]'
    expect(w.find(slots).exists()).toBe(false)
    await w.findAll('[data-testid=review-mode] input[type=radio]')[1].setValue(true)
    expect(w.find(slots).exists()).toBe(true)
    await w.find('[data-testid="setting-onsite-review-slots-add"]').trigger('click')
    await w.find('[data-testid=save-config]').trigger('click')
    await flushPromises()
    const doc = sent()
    expect(doc.review.mode).toBe('onsite-review')
    expect(doc.plugins[1]).toEqual({ id: 'onsite-review', settings: { slots: [{ site: 'bj-01', capacity: 30 }] } })
    w.unmount()
  })

  it('turns on a plugin it has never heard of and draws its settings from the schema', async () => {
    const w = await mountForm()
    expect(w.find('[data-testid=plugin-lab-materials]').exists()).toBe(false)
    const select = (inside: string) => w.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest(inside))!
    select('[data-testid=add-plugin]').vm.$emit('update:modelValue', 'lab-materials')
    await flushPromises()
    await w.findAll('button').find((b) => b.text() === '启用')!.trigger('click')
    expect(w.find('[data-testid=plugin-lab-materials]').text()).toContain('方式')
    select('[data-testid="setting-lab-materials-mode"]').vm.$emit('update:modelValue', 'refuse')
    await w.find('[data-testid=save-config]').trigger('click')
    await flushPromises()
    expect(sent().plugins.at(-1)).toEqual({ id: 'lab-materials', settings: { mode: 'refuse' } })
    w.unmount()
  })

  it("reads in the page's language: Element Plus' upload and pickers, none of the browser's own controls", async () => {
    const w = await mountForm()
    expect(w.findAll('input[type=datetime-local], input[type=date], input[type=time]')).toHaveLength(0)
    expect(w.find('input[type=file]:not(.el-upload__input)').exists()).toBe(false)
    expect(w.find('[data-testid=sample-diploma] [role=button]').text()).toBe('上传示例图片: 学历证书')
    const opens = w.findAllComponents({ name: 'ElDatePicker' })[0].find('input')
    expect((opens.element as HTMLInputElement).value).toBe('2026-11-01 00:00:00')   // not 11/01/2026, 12:00 AM
    await opens.trigger('focus')
    await opens.trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('此刻')
    w.unmount()

    setLocale('en')
    const english = await mountForm(en)
    expect(english.find('[data-testid=sample-diploma] [role=button]').text()).toBe('Upload a sample image: Diploma')
    expect((english.findAllComponents({ name: 'ElDatePicker' })[0].find('input').element as HTMLInputElement).value).toBe('2026-11-01 00:00:00')
    english.unmount()
  })

  it("sends a sample picture chosen with the upload button", async () => {
    const w = await mountForm()
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'sample.jpg', { type: 'image/jpeg' })
    const input = w.find('[data-testid=sample-diploma] input[type=file]')
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await flushPromises()
    expect(apiRaw).toHaveBeenCalledWith('PUT', '/api/v1/districts/bj/config/samples/diploma', { body: expect.any(File), contentType: 'image/jpeg' })
    w.unmount()
  })

  it("shows the server's refusal in words and keeps the edits", async () => {
    apiRaw.mockReset().mockRejectedValue(new Error('此修改会使已报名的考生无法继续:考点 bj-01 已有 3 个报名,不能删除'))
    const w = await mountForm()
    await w.findAll('[data-testid=site-row] button')[0].trigger('click')
    await w.find('[data-testid=save-config]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=config-refusal]').text()).toContain('考点 bj-01 已有 3 个报名')
    expect(w.findAll('[data-testid=site-row]')).toHaveLength(0)
    expect(w.emitted('saved')).toBeUndefined()
    w.unmount()
  })
})
