import { describe, expect, it } from 'vitest'
import { type ConfigDoc, copyDoc, describePath, flattenChanges, fromBeijingLocal, toBeijingLocal } from './districtConfig'

const doc = (): ConfigDoc => ({
  code: 'bj', name: { zh: '北京考区', en: 'Beijing' }, examYear: 2027,
  review: { mode: 'online-review', publishOutcomes: 'on-publish' },
  uploadWindow: { opens: '2026-11-01T00:00:00+08:00', closes: '2027-12-31T23:59:59+08:00' },
  sites: [{ code: 'bj-01', name: { zh: '东城考点', en: 'Dongcheng' } }],
  plugins: [{ id: 'standard-materials', settings: { maxBytes: 204800 } }, { id: 'online-review' }, { id: 'gd-materials' }],
})

describe('district configuration document', () => {
  it('shows the upload window in Beijing time whatever offset the document has, and writes it back with +08:00', () => {
    expect(toBeijingLocal('2026-11-01T00:00:00+08:00')).toBe('2026-11-01T00:00:00')
    expect(toBeijingLocal('2026-10-31T16:00:00Z')).toBe('2026-11-01T00:00:00')
    expect(fromBeijingLocal('2027-01-15T08:30')).toBe('2027-01-15T08:30:00+08:00')
    expect(fromBeijingLocal('2027-12-31T23:59:59')).toBe('2027-12-31T23:59:59+08:00')
    expect(fromBeijingLocal(toBeijingLocal(doc().uploadWindow.closes))).toBe(doc().uploadWindow.closes)
  })

  it('names the fields of the server diff in words', () => {
    expect(describePath('plugins[standard-materials].settings.types.diploma.max'))
      .toEqual({ key: 'setting', args: { plugin: 'standard-materials', key: 'types.diploma.max' } })
    expect(describePath('plugins[onsite-review].settings.slots[1]')).toEqual({ key: 'setting', args: { plugin: 'onsite-review', key: 'slots[1]' } })
    expect(describePath('watermark')).toEqual({ key: 'watermark', args: {} })
    expect(describePath('sites[bj-02].name.zh')).toEqual({ key: 'site', args: { site: 'bj-02', lang: 'zh' } })
    expect(describePath('review.commentTemplates[0].zh')).toEqual({ key: 'template', args: { n: '1', lang: 'zh' } })
    expect(describePath('something.new')).toEqual({ key: 'other', args: { path: 'something.new' } })
  })

  it('shows a section added or removed field by field, list items whole', () => {
    expect(flattenChanges([
      { path: 'plugins[standard-materials].settings.types', before: null, after: { diploma: { max: 1 }, other: { min: 1 } } },
      { path: 'sites[bj-03]', before: null, after: { code: 'bj-03', name: { zh: '朝阳考点', en: 'Chaoyang' } } },
      { path: 'watermark', before: 'a', after: 'b' },
    ])).toEqual([
      { path: 'plugins[standard-materials].settings.types.diploma.max', before: null, after: 1 },
      { path: 'plugins[standard-materials].settings.types.other.min', before: null, after: 1 },
      { path: 'sites[bj-03]', before: null, after: { code: 'bj-03', name: { zh: '朝阳考点', en: 'Chaoyang' } } },
      { path: 'watermark', before: 'a', after: 'b' },
    ])
  })

  it('copies deeply', () => {
    const d = doc()
    const c = copyDoc(d)
    c.sites[0].name.zh = '改'
    expect(d.sites[0].name.zh).toBe('东城考点')
  })
})
