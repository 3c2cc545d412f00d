import { describe, expect, it } from 'vitest'
import { HELP_KEYS, shortcutFor, templateIndex } from './shortcuts'
import zhCN from '../locales/zh-CN'
import en from '../locales/en'

const ev = (key: string, target: Partial<HTMLElement> = { tagName: 'BODY' }, mods = {}) =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...mods })

describe('shortcutFor', () => {
  it('maps the workbench and viewer keys', () => {
    const expected: Record<string, string> = {
      j: 'next-image', k: 'prev-image', a: 'approve', c: 'comment', s: 'toggle-sample', p: 'pass', x: 'return', X: 'reject',
      n: 'next-candidate', '?': 'help', '1': 'template', '9': 'template',
      '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', r: 'rotate-right', R: 'rotate-left', '0': 'reset-view', f: 'fullscreen',
    }
    for (const [key, action] of Object.entries(expected)) expect(shortcutFor(ev(key))).toBe(action)
    expect(shortcutFor(ev('q'))).toBeNull()
    expect(shortcutFor(ev('Enter'))).toBeNull()   // the focused button's own
  })
  it('ignores typing and modified keys; Escape leaves the field', () => {
    expect(shortcutFor(ev('a', { tagName: 'TEXTAREA' }))).toBeNull()
    expect(shortcutFor(ev('j', { tagName: 'INPUT' }))).toBeNull()
    expect(shortcutFor(ev('1', { tagName: 'INPUT' }))).toBeNull()
    expect(shortcutFor(ev('p', { tagName: 'DIV', isContentEditable: true }))).toBeNull()
    expect(shortcutFor(ev('a', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull()
    expect(shortcutFor(ev('Escape', { tagName: 'TEXTAREA' }))).toBe('leave-field')
  })
  it('picks templates by digit', () => {
    expect(templateIndex('1')).toBe(0)
    expect(templateIndex('9')).toBe(8)
    expect(templateIndex('0')).toBe(-1)
    expect(templateIndex('a')).toBe(-1)
  })
  it('explains every listed key in both languages', () => {
    for (const { label } of HELP_KEYS) {
      const get = (m: unknown) => label.split('.').reduce((o, k) => (o as Record<string, unknown>)?.[k], m)
      expect(get(zhCN), label).toBeTypeOf('string')
      expect(get(en), label).toBeTypeOf('string')
    }
  })
})
