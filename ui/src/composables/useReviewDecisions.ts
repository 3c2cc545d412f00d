import { computed, reactive, ref, type Ref } from 'vue'
import { lt } from '../i18n'
import type { ImageView, RegistrationView } from '../lib/types'
import type { Level, ReviewRequest } from '../api/review'

export interface Decision { decision: 'APPROVE' | 'REQUEST_CHANGES' | null; comment: string }
/** On site: the in-person result of a material type that has pictures. */
export interface MaterialResult { result: 'ORIGINALS_SEEN' | 'PROBLEM' | null; comment: string }
export interface Conclusion { comment: string; internal: string; outcome: string; reason: string }
export interface CheckedMaterial { code: string; name: string; count: number; seen: boolean; first: number }
export type PictureOnPage = ImageView & { typeName: string }

/**
 * What a reviewer decides on one registration before sending it: a decision per picture (online),
 * or a result per material (on site, at the SITE level), the comments and the outcome. Which
 * picture is shown is part of it: keys judge the current one. Nothing here talks to the server;
 * `request()` is the body of `POST .../reviews`.
 */
export function useReviewDecisions(reg: Ref<RegistrationView | null>, level: Ref<Level>, onsite: Ref<boolean>) {
  const current = ref(0)
  const decisions = reactive<Record<string, Decision>>({})
  const results = reactive<Record<string, MaterialResult>>({})
  const form = reactive<Conclusion>({ comment: '', internal: '', outcome: '', reason: '' })

  const images = computed<PictureOnPage[]>(() =>
    (reg.value?.materials ?? []).flatMap((m) => m.images.map((i) => ({ ...i, typeName: lt(m.name) }))))
  const image = computed<PictureOnPage | null>(() => images.value[current.value] ?? null)
  const checkedMaterials = computed<CheckedMaterial[]>(() => (reg.value?.materials ?? []).filter((m) => m.images.length > 0)
    .map((m) => ({ code: m.code, name: lt(m.name), count: m.images.length, seen: m.images.every((i) => i.locked), first: images.value.findIndex((i) => i.materialType === m.code) })))
  /** The current picture's material (on site: the result keys record). */
  const material = computed(() => (image.value ? checkedMaterials.value.find((m) => m.code === image.value!.materialType) ?? null : null))
  const outcomes = computed(() => (level.value === 'SITE' ? ['PASS', 'RETURN'] : ['APPROVE', 'REJECT', 'RETURN']))

  /** A registration was (re)loaded: locked pictures count as approved, seen materials as seen, nothing else decided. */
  function reset() {
    current.value = 0
    for (const k of Object.keys(decisions)) delete decisions[k]
    for (const i of images.value) decisions[i.id] = { decision: i.locked ? 'APPROVE' : null, comment: '' }
    for (const k of Object.keys(results)) delete results[k]
    for (const m of checkedMaterials.value) results[m.code] = { result: m.seen ? 'ORIGINALS_SEEN' : null, comment: '' }
    Object.assign(form, { comment: '', internal: '', outcome: '', reason: '' })
  }

  function approve() {
    if (onsite.value) {
      if (material.value) record(material.value.code, 'ORIGINALS_SEEN')
    } else if (image.value && !image.value.locked) {
      decisions[image.value.id].decision = 'APPROVE'
    }
  }

  /** Marks the current picture (or, on site, its material) for changes; true: the comment is to be written now. */
  function requestChanges(): boolean {
    if (onsite.value) return material.value ? record(material.value.code, 'PROBLEM') : false
    if (!image.value || image.value.locked) return false
    decisions[image.value.id].decision = 'REQUEST_CHANGES'
    return true
  }

  /** On site: a material's result; true when it is a problem, whose comment is to be written now. */
  function record(code: string, result: 'ORIGINALS_SEEN' | 'PROBLEM'): boolean {
    const m = checkedMaterials.value.find((x) => x.code === code)
    if (!m || m.seen) return false
    results[code].result = result
    return result === 'PROBLEM'
  }

  /** A comment template: the current picture is to be changed, for that reason. */
  function useTemplate(text: string | undefined) {
    if (text !== undefined && image.value && !image.value.locked) {
      decisions[image.value.id].decision = 'REQUEST_CHANGES'
      decisions[image.value.id].comment = text
    }
  }

  function move(step: number) {
    if (images.value.length) current.value = (current.value + step + images.value.length) % images.value.length
  }

  /** Picks the outcome, if this level may give it. */
  function conclude(outcome: string): boolean {
    if (!reg.value || !outcomes.value.includes(outcome)) return false
    form.outcome = outcome
    return true
  }

  /** What is sent: only the decisions taken on pictures not yet locked, only the results recorded. */
  function request(): ReviewRequest {
    return {
      level: level.value,
      images: onsite.value ? [] : Object.entries(decisions)
        .filter(([id, d]) => d.decision && !images.value.find((i) => i.id === id)?.locked)
        .map(([imageId, d]) => ({ imageId, decision: d.decision, comment: d.comment || null })),
      materials: !onsite.value ? [] : checkedMaterials.value.filter((m) => !m.seen && results[m.code]?.result)
        .map((m) => ({ materialType: m.code, result: results[m.code].result, comment: results[m.code].comment || null })),
      comments: [
        ...(form.comment ? [{ body: form.comment, visibility: 'CANDIDATE' as const, materialType: null }] : []),
        ...(form.internal ? [{ body: form.internal, visibility: 'INTERNAL' as const, materialType: null }] : []),
      ],
      outcome: form.outcome || null,
      reason: form.reason || null,
    }
  }

  return { current, decisions, results, form, images, image, checkedMaterials, material, outcomes, reset, approve, requestChanges, record, useTemplate, move, conclude, request }
}
