import { describe, expect, it } from 'vitest'
import { shortcutFor } from './shortcuts'

const ev = (key: string, target: Partial<HTMLElement> = { tagName: 'BODY' }, mods = {}) =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...mods })

describe('shortcutFor', () => {
  it('maps the workbench keys', () => {
    expect(shortcutFor(ev('j'))).toBe('next-image')
    expect(shortcutFor(ev('k'))).toBe('prev-image')
    expect(shortcutFor(ev('a'))).toBe('approve')
    expect(shortcutFor(ev('c'))).toBe('comment')
    expect(shortcutFor(ev('n'))).toBe('next-candidate')
    expect(shortcutFor(ev('?'))).toBe('help')
    expect(shortcutFor(ev('x'))).toBeNull()
  })
  it('maps the viewer keys', () => {
    expect(shortcutFor(ev('+'))).toBe('zoom-in')
    expect(shortcutFor(ev('='))).toBe('zoom-in')
    expect(shortcutFor(ev('-'))).toBe('zoom-out')
    expect(shortcutFor(ev('r'))).toBe('rotate-right')
    expect(shortcutFor(ev('R'))).toBe('rotate-left')
    expect(shortcutFor(ev('0'))).toBe('reset-view')
    expect(shortcutFor(ev('f'))).toBe('fullscreen')
  })
  it('ignores typing and modified keys', () => {
    expect(shortcutFor(ev('a', { tagName: 'TEXTAREA' }))).toBeNull()
    expect(shortcutFor(ev('j', { tagName: 'INPUT' }))).toBeNull()
    expect(shortcutFor(ev('a', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull()
  })
})
