/** Keyboard shortcuts of the review workbench; typing in a field never triggers them. */
export type ShortcutAction = 'next-image' | 'prev-image' | 'approve' | 'comment' | 'next-candidate' | 'help'

const KEYS: Record<string, ShortcutAction> = {
  j: 'next-image', k: 'prev-image', a: 'approve', c: 'comment', n: 'next-candidate', '?': 'help',
}

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  const t = e.target as HTMLElement | null
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return null
  return KEYS[e.key] ?? null
}
