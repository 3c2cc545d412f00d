import { describe, expect, it } from 'vitest'
import { shortcutFor } from './shortcuts'

const ev = (key: string, target: Partial<HTMLElement> = { tagName: 'BODY' }, mods = {}) =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...mods })

describe('shortcutFor', () => {
  it('maps the workbench and viewer keys', () => {
    const expected: Record<string, string> = {
      j: 'next-image', k: 'prev-image', a: 'approve', c: 'comment', n: 'next-candidate', '?': 'help',
      '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', r: 'rotate-right', R: 'rotate-left', '0': 'reset-view', f: 'fullscreen',
    }
    for (const [key, action] of Object.entries(expected)) expect(shortcutFor(ev(key))).toBe(action)
    expect(shortcutFor(ev('x'))).toBeNull()
  })
  it('ignores typing and modified keys', () => {
    expect(shortcutFor(ev('a', { tagName: 'TEXTAREA' }))).toBeNull()
    expect(shortcutFor(ev('j', { tagName: 'INPUT' }))).toBeNull()
    expect(shortcutFor(ev('a', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull()
  })
})
