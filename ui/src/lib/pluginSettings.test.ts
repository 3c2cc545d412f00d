import { describe, expect, it } from 'vitest'
import type { ConfigDoc, PluginEntry } from './districtConfig'
import { choiceValue, getSetting, grouped, newItem, type SettingSpec, setEntrySetting, setReviewMode } from './pluginSettings'

const doc = (): ConfigDoc => ({
  code: 'bj', name: { zh: '北京考区', en: 'Beijing' }, examYear: 2027,
  review: { mode: 'online-review', publishOutcomes: 'on-publish' },
  uploadWindow: { opens: '2026-11-01T00:00:00+08:00', closes: '2027-12-31T23:59:59+08:00' },
  sites: [{ code: 'bj-01', name: { zh: '东城考点', en: 'Dongcheng' } }],
  plugins: [{ id: 'standard-materials', settings: { maxBytes: 204800 } }, { id: 'online-review' }, { id: 'gd-materials' }],
})
const L = { zh: '标签', en: 'label' }
const spec = (key: string, type: SettingSpec['type'], more: Partial<SettingSpec> = {}): SettingSpec =>
  ({ key, type, label: L, required: false, choices: [], fields: [], ...more })

describe('plugin settings by dotted key', () => {
  it('sets a nested setting, creating its maps, and removes it again with the maps it leaves empty', () => {
    const entry: PluginEntry = doc().plugins[0]
    setEntrySetting(entry, 'types.diploma.max', 1)
    expect(entry.settings).toEqual({ maxBytes: 204800, types: { diploma: { max: 1 } } })
    expect(getSetting(entry.settings, 'types.diploma.max')).toBe(1)
    setEntrySetting(entry, 'types.diploma.max', undefined)
    expect(entry.settings).toEqual({ maxBytes: 204800 })
    expect(getSetting(entry.settings, 'types.diploma.max')).toBeUndefined()
  })

  it('drops the settings of an entry when its last one goes', () => {
    const entry: PluginEntry = { id: 'gd-materials' }
    setEntrySetting(entry, 'min', 2)
    expect(entry).toEqual({ id: 'gd-materials', settings: { min: 2 } })
    setEntrySetting(entry, 'min', null)
    expect(entry).toEqual({ id: 'gd-materials' })
  })

  it('shows a choice YAML read as a boolean (an unquoted off) as the choice it means', () => {
    const mode = spec('blur.mode', 'CHOICE', { choices: [{ value: 'off', label: L }, { value: 'warn', label: L }] })
    expect(choiceValue(mode, false)).toBe('off')
    expect(choiceValue(mode, 'warn')).toBe('warn')
    expect(choiceValue(mode, undefined)).toBeUndefined()
  })

  it('starts a list item with the fields\' defaults and the first site', () => {
    const slots = spec('slots', 'LIST', { fields: [spec('site', 'SITE'), spec('date', 'DATE'), spec('capacity', 'NUMBER', { defaultValue: 30 })] })
    expect(newItem(slots, doc())).toEqual({ site: 'bj-01', capacity: 30 })
  })

  it('groups the settings under their headings in the order of the schema', () => {
    const a = { zh: '甲', en: 'A' }
    const b = { zh: '乙', en: 'B' }
    const groups = grouped([spec('x', 'NUMBER', { group: a }), spec('y', 'NUMBER', { group: b }), spec('z', 'NUMBER', { group: a })])
    expect(groups.map((g) => [g.group?.zh, g.settings.map((s) => s.key)])).toEqual([['甲', ['x', 'z']], ['乙', ['y']]])
  })

  it('switches the review mode and its plugin in the list, in place', () => {
    const d = doc()
    setReviewMode(d, 'onsite-review')
    expect(d.review.mode).toBe('onsite-review')
    expect(d.plugins.map((p) => p.id)).toEqual(['standard-materials', 'onsite-review', 'gd-materials'])
    setReviewMode(d, 'online-review')
    expect(d.plugins.map((p) => p.id)).toEqual(['standard-materials', 'online-review', 'gd-materials'])
  })
})
