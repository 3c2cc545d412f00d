import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../i18n'
import { session } from '../lib/auth'
import type { RegistrationView, ReviewContext } from '../lib/types'
// Imported up front (vi.mock is hoisted above it), so compiling the view never eats into a test's time limit.
import ReviewView from './ReviewView.vue'

const apiGet = vi.fn()
const apiSend = vi.fn()
vi.mock('../lib/api', () => ({
  apiGet: (...a: unknown[]) => apiGet(...a),
  apiSend: (...a: unknown[]) => apiSend(...a),
  imageUrl: async () => 'blob:x',
}))
const push = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push }) }))

const registration: RegistrationView = {
  id: 'r1', district: 'bj', site: 'bj-01', siteName: { zh: '东城考点', en: 'Dongcheng' }, examYear: 2027,
  category: 'clinical-physician', categoryName: { zh: '临床执业医师', en: 'Clinical physician' }, status: 'FILLING',
  statusLabel: { zh: '填报', en: 'Filling in' }, candidateName: '李娜', createdAt: '', updatedAt: '', complete: true,
  acceptsChanges: true, comments: [],
  materials: [{
    code: 'id-card', name: { zh: '身份证明', en: 'ID' }, hint: null, sampleUrl: null, minImages: 2, maxImages: 2, fixedCount: true,
    required: true, formats: ['image/jpeg'], maxBytes: 204800, count: 2, complete: true, canUpload: false, uploadUrl: '',
    images: ['i1', 'i2'].map((id) => ({ id, url: `/img/${id}`, materialType: 'id-card', state: 'SUBMITTED', locked: false, width: 1000, height: 750, bytes: 1, uploadedAt: '', warnings: [] })),
  }],
}

const context: ReviewContext = {
  identity: { name: '李娜', idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'FEMALE', checksumValid: true, phone: '13800138000' },
  decisions: [{ at: '2026-12-01T08:00:00Z', level: 'SITE', actor: 'rev1', role: 'site-reviewer', outcome: 'RETURN', approved: 1, changesRequested: 1 }],
  changes: { since: '2026-12-01T08:00:00Z', added: ['i2'], removed: [{ imageId: 'i0', materialType: 'id-card', at: '2026-12-02T08:00:00Z' }] },
}
const templates = [{ zh: '照片模糊,请重新拍摄', en: 'Blurred' }, { zh: '材料与报名信息不符', en: 'Does not match' }]

describe('ReviewView', () => {
  let w: ReturnType<typeof mount> | undefined
  // A failed test must not leave its keyboard listener behind for the next one.
  afterEach(() => { w?.unmount(); w = undefined })
  beforeEach(() => {
    setLocale('zh-CN')
    Object.assign(session, { authenticated: true, district: 'bj', roles: ['site-reviewer'] })
    apiGet.mockReset().mockImplementation(async (url: string) => {
      if (url.includes('review-queue')) return { level: 'SITE', waiting: 1, items: [] }
      if (url.endsWith('/review-context')) return context
      if (url.endsWith('/districts/bj')) return { code: 'bj', reviewMode: 'online-review', inPerson: false, commentTemplates: templates }
      return registration
    })
    apiSend.mockReset().mockResolvedValue(registration)
    push.mockReset()
  })

  it('judges pictures with the keyboard and sends one review', async () => {
    w = mount(ReviewView, { props: { id: 'r1' }, global: { plugins: [i18n, ElementPlus], stubs: { teleport: true } }, attachTo: document.body })
    await vi.waitFor(() => expect(w!.text()).toContain('李娜'))
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/review-queue?level=SITE')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))   // approve picture 1
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }))   // on to picture 2
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c' }))   // request changes on it
    await flushPromises()
    await w.find('[data-testid=image-comment]').setValue('照片模糊')
    await w.find('form.conclude').trigger('submit')
    await flushPromises()
    const call = apiSend.mock.calls.find((c) => c[1].endsWith('/reviews'))!
    expect(call[0]).toBe('POST')
    expect(call[2]).toMatchObject({
      level: 'SITE',
      images: [{ imageId: 'i1', decision: 'APPROVE', comment: null }, { imageId: 'i2', decision: 'REQUEST_CHANGES', comment: '照片模糊' }],
      outcome: null,
    })
  })

  it('shows the declared identity, the sample and the history; a template by digit, return by x, Enter submits', async () => {
    w = mount(ReviewView, { props: { id: 'r1' }, global: { plugins: [i18n, ElementPlus], stubs: { teleport: true } }, attachTo: document.body })
    await vi.waitFor(() => expect(w!.find('[data-testid=declared-id-number]').exists()).toBe(true))
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/bj/registrations/r1/review-context')
    expect(w.find('[data-testid=declared-id-number]').text()).toBe('11010519491231002X')
    expect(w.find('[data-testid=declared-identity]').text()).toContain('1949-12-31')
    expect(w.find('[data-testid=declared-identity]').text()).toContain('女')
    expect(w.find('[data-testid=id-checksum]').text()).toContain('校验通过')
    const history = w.find('[data-testid=review-history]').text()
    expect(history).toContain('考点审核 · 退回修改')
    expect(history).toContain('身份证明 第 2 张')        // new since the last decision
    expect(history).toContain('已删除:身份证明')          // gone, known from the audit trail

    expect(w.find('[data-testid=sample]').exists()).toBe(false)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's' }))
    await flushPromises()
    expect(w.find('[data-testid=sample]').text()).toContain('须上传 2 张')
    // typing never triggers a key: an s in a text field stays there
    const box = w.find('textarea[data-testid=general-comment]')
    box.element.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))
    await flushPromises()
    expect(w.find('[data-testid=sample]').exists()).toBe(true)

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))   // approve picture 1
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2' }))   // picture 2: template 2
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))   // return for changes
    await flushPromises()
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('submit-review'))
    ;(document.activeElement as HTMLButtonElement).click()
    await flushPromises()
    const call = apiSend.mock.calls.find((c) => c[1].endsWith('/reviews'))!
    expect(call[2]).toMatchObject({
      images: [{ imageId: 'i1', decision: 'APPROVE' }, { imageId: 'i2', decision: 'REQUEST_CHANGES', comment: '材料与报名信息不符' }],
      outcome: 'RETURN',
    })
  })

  it('tags a picture the quality checks warned of, and filters the queue by such warnings', async () => {
    const warned = structuredClone(registration)
    warned.materials[0].images[0].findings = [{ code: 'image-blurred', severity: 'warning', message: { zh: '照片模糊,建议重新拍摄', en: 'Blurred' } }]
    apiGet.mockImplementation(async (url: string) => url.includes('review-queue')
      ? { level: 'SITE', waiting: 1, items: [{ registrationId: 'r1', candidateName: '李娜', site: 'bj-01', category: 'c', queuedAt: '', claimedBy: null, claimExpiresAt: null, changedSinceReview: false, qualityWarnings: true, url: '' }] }
      : url.endsWith('/review-context') ? context : warned)
    w = mount(ReviewView, { props: { id: 'r1' }, global: { plugins: [i18n, ElementPlus], stubs: { teleport: true } }, attachTo: document.body })
    await vi.waitFor(() => expect(w!.find('[data-testid=quality-tag]').exists()).toBe(true))
    expect(w.find('[data-testid=quality-tag]').text()).toBe('模糊')
    expect(w.find('[data-testid=queue-quality]').text()).toBe('照片质量提示')
    await w.find('[data-testid=only-warned] input').setValue(true)
    await flushPromises()
    expect(apiGet).toHaveBeenLastCalledWith('/api/v1/districts/bj/review-queue?level=SITE&qualityWarnings=true')
  })

  it('claims the next candidate with n', async () => {
    apiSend.mockResolvedValueOnce({ registrationId: 'r9', level: 'SITE', expiresAt: '' })
    w = mount(ReviewView, { props: {}, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }))
    await flushPromises()
    expect(apiSend).toHaveBeenCalledWith('POST', '/api/v1/districts/bj/review-queue/claims?level=SITE')
    expect(push).toHaveBeenCalledWith({ name: 'review-registration', params: { id: 'r9' } })
  })

  it('on site: the day at the site, check-in, then results per material', async () => {
    Object.assign(session, { district: 'tonsite', site: 'tonsite-01' })
    const slot = { id: 's1', site: 'tonsite-01', date: '2098-03-09', start: '09:00', end: '11:30', capacity: 50, booked: 1, remaining: 49, open: true }
    const onsiteReg = { ...registration, district: 'tonsite', inPerson: true, appointment: { registrationId: 'r1', slot, status: 'CHECKED_IN', bookedAt: '', checkedInAt: 'x' } }
    apiGet.mockReset().mockImplementation(async (url: string) => {
      if (url.includes('review-queue')) return { level: 'SITE', waiting: 1, items: [] }
      if (url.includes('appointment-slots')) return [slot]
      if (url.includes('/appointments?date=2098-03-09')) return [{ registrationId: 'r7', candidateName: '王芳', slot, status: 'BOOKED', bookedAt: '', checkedInAt: null }]
      if (url.endsWith('/districts/tonsite')) return { code: 'tonsite', reviewMode: 'onsite-review', inPerson: true, commentTemplates: [] }
      if (url.endsWith('/review-context')) return context
      return onsiteReg
    })
    w = mount(ReviewView, { props: { id: 'r1' }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
    await vi.waitFor(() => expect(w!.find('[data-testid=onsite-appointment]').exists()).toBe(true))
    await vi.waitFor(() => expect(w!.find('[data-testid=result-id-card]').exists()).toBe(true))
    expect(apiGet).toHaveBeenCalledWith('/api/v1/districts/tonsite/appointment-slots?site=tonsite-01')
    expect(w.find('[data-testid=claim-next]').exists()).toBe(false)
    expect(apiSend).not.toHaveBeenCalledWith('PUT', '/api/v1/districts/tonsite/registrations/r1/claim')
    expect(w.find('[data-testid=onsite-appointment]').text()).toContain('王芳')

    await w.find('[data-testid=check-in]').trigger('click')
    await flushPromises()
    expect(apiSend).toHaveBeenCalledWith('POST', '/api/v1/districts/tonsite/registrations/r7/appointment/check-in')
    expect(push).toHaveBeenCalledWith({ name: 'review-registration', params: { id: 'r7' } })

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))   // the originals of the ID card match
    await w.find('form.conclude').trigger('submit')
    await flushPromises()
    const call = apiSend.mock.calls.find((c) => c[1].endsWith('/reviews'))!
    expect(call[2]).toMatchObject({ level: 'SITE', images: [], materials: [{ materialType: 'id-card', result: 'ORIGINALS_SEEN', comment: null }] })
  })
})
