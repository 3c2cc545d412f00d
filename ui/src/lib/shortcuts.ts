/** Keyboard shortcuts of the review workbench; typing in a field never triggers them. */
export type ShortcutAction = 'next-image' | 'prev-image' | 'approve' | 'comment' | 'next-candidate' | 'help'
  | 'zoom-in' | 'zoom-out' | 'rotate-right' | 'rotate-left' | 'reset-view' | 'fullscreen'

const KEYS: Record<string, ShortcutAction> = {
  j: 'next-image', k: 'prev-image', a: 'approve', c: 'comment', n: 'next-candidate', '?': 'help',
  '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', r: 'rotate-right', R: 'rotate-left', '0': 'reset-view', f: 'fullscreen',
}

/** The keys listed in the help overlay, in order, with the locale key that explains each. */
export const HELP_KEYS: { keys: string[]; label: string }[] = [
  ...['j', 'k', 'a', 'c', 'n'].map((k) => ({ keys: [k], label: `review.keys.${k}` })),
  { keys: ['+', '-'], label: 'viewer.keys.zoom' }, { keys: ['r', 'Shift+R'], label: 'viewer.keys.rotate' },
  { keys: ['0'], label: 'viewer.keys.reset' }, { keys: ['f'], label: 'viewer.keys.fullscreen' },
  { keys: ['?'], label: 'review.keys.help' },
]

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  const t = e.target as HTMLElement | null
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return null
  return KEYS[e.key] ?? null
}
