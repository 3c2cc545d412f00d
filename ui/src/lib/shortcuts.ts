/** Keyboard shortcuts of the review workbench; typing in a field never triggers them (Escape leaves the field). */
export type ShortcutAction = 'next-image' | 'prev-image' | 'approve' | 'comment' | 'template' | 'toggle-sample'
  | 'pass' | 'return' | 'reject' | 'next-candidate' | 'help' | 'leave-field'
  | 'zoom-in' | 'zoom-out' | 'rotate-right' | 'rotate-left' | 'reset-view' | 'fullscreen'

const KEYS: Record<string, ShortcutAction> = {
  j: 'next-image', k: 'prev-image', a: 'approve', c: 'comment', s: 'toggle-sample', p: 'pass', x: 'return', X: 'reject',
  n: 'next-candidate', '?': 'help',
  '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', r: 'rotate-right', R: 'rotate-left', '0': 'reset-view', f: 'fullscreen',
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), 'template' as const])),
}

/** The keys listed in the help overlay, in order, with the locale key that explains each. */
export const HELP_KEYS: { keys: string[]; label: string }[] = [
  ...['j', 'k', 's', 'a', 'c'].map((k) => ({ keys: [k], label: `review.keys.${k}` })),
  { keys: ['1…9'], label: 'review.keys.template' },
  { keys: ['p'], label: 'review.keys.p' }, { keys: ['x'], label: 'review.keys.x' }, { keys: ['Shift+X'], label: 'review.keys.X' },
  { keys: ['Enter'], label: 'review.keys.enter' }, { keys: ['Esc'], label: 'review.keys.esc' },
  { keys: ['n'], label: 'review.keys.n' },
  { keys: ['+', '-'], label: 'viewer.keys.zoom' }, { keys: ['r', 'Shift+R'], label: 'viewer.keys.rotate' },
  { keys: ['0'], label: 'viewer.keys.reset' }, { keys: ['f'], label: 'viewer.keys.fullscreen' },
  { keys: ['?'], label: 'review.keys.help' },
]

function typing(t: HTMLElement | null): boolean {
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
}

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  if (typing(e.target as HTMLElement | null)) return e.key === 'Escape' ? 'leave-field' : null
  return KEYS[e.key] ?? null
}

/** The comment template a digit key picks (0-based), or -1. */
export function templateIndex(key: string): number {
  return /^[1-9]$/.test(key) ? Number(key) - 1 : -1
}
