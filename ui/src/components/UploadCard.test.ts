import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'
import UploadCard from './UploadCard.vue'
import type { ImageView, MaterialSlot } from '../lib/types'
import { ApiError } from '../lib/api'
import { UnsupportedFormatError } from '../lib/compress'

function image(id: string, extra: Partial<ImageView> = {}): ImageView {
  return { id, url: `/api/v1/x/images/${id}`, materialType: 'id-card', state: 'SUBMITTED', locked: false, width: 800, height: 600,
    bytes: 1000, uploadedAt: '2026-11-26T10:00:00Z', warnings: [], ...extra }
}

function slot(extra: Partial<MaterialSlot> = {}): MaterialSlot {
  return { code: 'id-card', name: { zh: '身份证明', en: 'ID proof' }, hint: null, sampleUrl: '/sample.png', minImages: 2, maxImages: 2,
    fixedCount: true, required: true, formats: ['image/jpeg', 'image/png'], maxBytes: 204_800, count: 0, complete: false,
    canUpload: true, uploadUrl: '/api/v1/x/materials/id-card/images', images: [], ...extra }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mountCard(props: Record<string, any>) {
  setLocale('zh-CN')
  return mount(UploadCard, {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    props: { upload: vi.fn(), remove: vi.fn(), loadImage: async () => 'blob:x', ...props } as any,
    global: { plugins: [i18n, ElementPlus] },
  })
}

function pickFile(w: ReturnType<typeof mountCard>, f: File) {
  const input = w.find('input[type=file]')
  Object.defineProperty(input.element, 'files', { value: [f], configurable: true })
  return input.trigger('change')
}

describe('UploadCard', () => {
  it('shows the rules and the sample before anything is uploaded', () => {
    const w = mountCard({ material: slot() })
    expect(w.text()).toContain('身份证明')
    expect(w.text()).toContain('须上传 2 张')
    expect(w.text()).toContain('jpg / jpeg / png')
    expect(w.text()).toContain('200 KB')
    expect(w.find('img[alt^="示例图片"]').exists()).toBe(true)
    expect(w.find('[data-testid=upload]').exists()).toBe(true)
  })

  it('hides the upload button once the count is reached', () => {
    const w = mountCard({ material: slot({ count: 2, canUpload: false, images: [image('a'), image('b')] }) })
    expect(w.find('[data-testid=upload]').exists()).toBe(false)
    expect(w.find('[data-testid=full]').text()).toBe('已达到数量上限')
  })

  it('says in words what the quality checks found, and that the picture may be kept or replaced', () => {
    const blurred = { code: 'image-blurred', severity: 'warning', message: { zh: '照片模糊,建议重新拍摄', en: 'The photo is blurred: consider taking it again' } }
    const w = mountCard({ material: slot({ count: 2, images: [image('a', { warnings: ['image-blurred'], findings: [blurred] }), image('b')] }) })
    expect(w.find('[data-testid=image-a] [data-testid=quality-warning]').text()).toBe('照片模糊,建议重新拍摄')
    expect(w.find('[data-testid=image-a]').text()).toContain('可以保留这张照片,也可以删除后重新上传')
    expect(w.find('[data-testid=image-b] [data-testid=quality-warning]').exists()).toBe(false)
  })

  it('locked pictures show a check mark and no minus button; others can be deleted', () => {
    const w = mountCard({ material: slot({ count: 2, images: [image('a', { locked: true, state: 'APPROVED' }), image('b')] }) })
    const a = w.find('[data-testid=image-a]')
    expect(a.find('[data-testid=locked]').exists()).toBe(true)
    expect(a.find('[data-testid=delete]').exists()).toBe(false)
    expect(w.find('[data-testid=image-b] [data-testid=delete]').exists()).toBe(true)
  })

  it('a picture with requested changes shows its comment', () => {
    const w = mountCard({
      material: slot({ count: 1, images: [image('a', { state: 'CHANGES_REQUESTED' })] }),
      comments: [{ id: 'c1', level: 'SITE', materialType: 'id-card', imageId: 'a', body: '照片模糊,请重新拍摄', author: 'r', createdAt: '2026-11-26T10:00:00Z', open: true }],
    })
    expect(w.find('[data-testid=image-a] [data-testid=image-comment]').text()).toBe('照片模糊,请重新拍摄')
    expect(w.find('[data-testid=image-a]').text()).toContain('需要修改')
  })

  it('deletes after confirmation', async () => {
    const remove = vi.fn().mockResolvedValue(null)
    const w = mountCard({ material: slot({ count: 1, images: [image('a')] }), remove, confirmDelete: async () => true })
    await w.find('[data-testid=delete]').trigger('click')
    await flushPromises()
    expect(remove).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }))
  })

  it('uploads the prepared picture and reports progress', async () => {
    let progress: ((f: number) => void) | null = null
    let finish: () => void = () => undefined
    const upload = vi.fn((_m, _b, p) => { progress = p; return new Promise<void>((r) => { finish = r }) })
    const prepared = new Blob([new Uint8Array(10)], { type: 'image/jpeg' })
    const w = mountCard({ material: slot(), upload, prepare: async () => ({ blob: prepared, type: 'image/jpeg', resized: true, originalBytes: 1_500_000 }) })
    await pickFile(w, new File([new Uint8Array(10)], 'photo.jpg', { type: 'image/jpeg' }))
    await flushPromises()
    expect(upload).toHaveBeenCalledWith(expect.objectContaining({ code: 'id-card' }), prepared, expect.any(Function))
    progress!(0.5)
    await flushPromises()
    expect(w.find('[data-testid=progress]').exists()).toBe(true)
    expect(w.text()).toContain('50%')
    expect(w.text()).toContain('已自动压缩')
    finish()
    await flushPromises()
    expect(w.find('[data-testid=task]').exists()).toBe(false)
  })

  it('shows the server message of a failed upload and retries it', async () => {
    const upload = vi.fn()
      .mockRejectedValueOnce(new ApiError(413, { code: 'file-too-large' }, '图片超过 200 KB'))
      .mockResolvedValueOnce({})
    const w = mountCard({ material: slot(), upload, prepare: async (b: Blob) => ({ blob: b, type: 'image/jpeg', resized: false, originalBytes: 1 }) })
    await pickFile(w, new File([new Uint8Array(10)], 'photo.jpg', { type: 'image/jpeg' }))
    await flushPromises()
    expect(w.find('[data-testid=upload-error]').text()).toContain('上传失败:图片超过 200 KB')
    await w.find('[data-testid=retry]').trigger('click')
    await flushPromises()
    expect(upload).toHaveBeenCalledTimes(2)
    expect(w.find('[data-testid=upload-error]').exists()).toBe(false)
  })

  it('explains an unsupported format without uploading', async () => {
    const upload = vi.fn()
    const w = mountCard({ material: slot(), upload, prepare: async () => { throw new UnsupportedFormatError(['image/jpeg']) } })
    await pickFile(w, new File([new Uint8Array(10)], 'photo.heic', { type: 'image/heic' }))
    await flushPromises()
    expect(upload).not.toHaveBeenCalled()
    expect(w.find('[data-testid=notice]').text()).toBe('不支持该文件格式,请上传 jpg / jpeg / png 格式的图片。')
  })

  it('speaks English when switched', () => {
    setLocale('en')
    const w = mount(UploadCard, {
      props: { material: slot(), upload: vi.fn(), remove: vi.fn(), loadImage: async () => 'blob:x' },
      global: { plugins: [i18n, ElementPlus] },
    })
    expect(w.text()).toContain('ID proof')
    expect(w.text()).toContain('Exactly 2 images')
    setLocale('zh-CN')
  })
})
