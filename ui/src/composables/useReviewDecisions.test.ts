import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { Level } from '../api/review'
import type { ImageView, MaterialSlot, RegistrationView } from '../lib/types'
import { useReviewDecisions } from './useReviewDecisions'

const picture = (id: string, materialType: string, locked = false): ImageView => ({
  id, url: `/img/${id}`, materialType, state: locked ? 'APPROVED' : 'SUBMITTED', locked, width: 1000, height: 750, bytes: 1, uploadedAt: '', warnings: [],
})
const material = (code: string, zh: string, images: ImageView[]): MaterialSlot => ({
  code, name: { zh, en: code }, hint: null, sampleUrl: null, minImages: 1, maxImages: 2, fixedCount: false, required: true,
  formats: ['image/jpeg'], maxBytes: 204800, count: images.length, complete: true, canUpload: false, uploadUrl: '', images,
})
const registration = (materials: MaterialSlot[]) => ({ id: 'r1', materials } as unknown as RegistrationView)

function decisionsOn(materials: MaterialSlot[], level: Level = 'SITE', onsite = false) {
  const d = useReviewDecisions(ref(registration(materials)), ref(level), ref(onsite))
  d.reset()
  return d
}

describe('useReviewDecisions', () => {
  it('sends only the decisions taken on pictures not yet locked, with the comments and the outcome', () => {
    const d = decisionsOn([material('id-card', '身份证明', [picture('i1', 'id-card', true), picture('i2', 'id-card')]), material('diploma', '学历', [picture('i3', 'diploma')])])
    expect(d.decisions.i1.decision).toBe('APPROVE')          // locked: approved already
    d.approve()                                               // picture 1 is locked: nothing changes
    d.move(1)
    expect(d.requestChanges()).toBe(true)                     // picture 2: the comment is to be written
    d.decisions.i2.comment = '照片模糊'
    d.move(1)
    d.useTemplate('材料与报名信息不符')                          // picture 3 by template
    expect(d.conclude('REJECT')).toBe(false)                  // not an outcome of the SITE level
    expect(d.conclude('RETURN')).toBe(true)
    d.form.comment = '请补充'
    d.form.internal = '核对学历'
    expect(d.request()).toEqual({
      level: 'SITE',
      images: [{ imageId: 'i2', decision: 'REQUEST_CHANGES', comment: '照片模糊' }, { imageId: 'i3', decision: 'REQUEST_CHANGES', comment: '材料与报名信息不符' }],
      materials: [],
      comments: [{ body: '请补充', visibility: 'CANDIDATE', materialType: null }, { body: '核对学历', visibility: 'INTERNAL', materialType: null }],
      outcome: 'RETURN',
      reason: null,
    })
  })

  it('moves round the pictures of every material, in order', () => {
    const d = decisionsOn([material('id-card', '身份证明', [picture('i1', 'id-card'), picture('i2', 'id-card')]), material('diploma', '学历', [picture('i3', 'diploma')])])
    expect(d.image.value?.typeName).toBe('身份证明')
    d.move(-1)
    expect(d.image.value?.id).toBe('i3')
    d.move(1)
    expect(d.image.value?.id).toBe('i1')
    expect(d.outcomes.value).toEqual(['PASS', 'RETURN'])
  })

  it('on site records a result per material, never per picture; a problem asks for words', () => {
    const d = decisionsOn([material('id-card', '身份证明', [picture('i1', 'id-card'), picture('i2', 'id-card')]),
      material('diploma', '学历', [picture('i3', 'diploma', true)]), material('other', '其他', [])], 'SITE', true)
    expect(d.checkedMaterials.value.map((m) => [m.code, m.seen, m.first])).toEqual([['id-card', false, 0], ['diploma', true, 2]])
    d.approve()                                                // originals of the ID card seen
    expect(d.results['id-card'].result).toBe('ORIGINALS_SEEN')
    d.move(2)
    expect(d.requestChanges()).toBe(false)                     // the diploma was seen before: nothing to record
    d.move(1)
    expect(d.requestChanges()).toBe(true)
    d.results['id-card'].comment = '原件与照片不符'
    expect(d.request()).toMatchObject({ images: [], materials: [{ materialType: 'id-card', result: 'PROBLEM', comment: '原件与照片不符' }] })
  })

  it('starts afresh when a registration is loaded', () => {
    const reg = ref(registration([material('id-card', '身份证明', [picture('i1', 'id-card')])]))
    const d = useReviewDecisions(reg, ref<Level>('DISTRICT'), ref(false))
    d.reset()
    d.approve()
    d.form.outcome = 'APPROVE'
    reg.value = registration([material('id-card', '身份证明', [picture('i9', 'id-card')])])
    d.reset()
    expect(Object.keys(d.decisions)).toEqual(['i9'])
    expect(d.decisions.i9.decision).toBeNull()
    expect(d.form.outcome).toBe('')
    expect(d.outcomes.value).toEqual(['APPROVE', 'REJECT', 'RETURN'])
  })
})
