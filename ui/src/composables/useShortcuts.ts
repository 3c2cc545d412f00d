import { onBeforeUnmount, onMounted } from 'vue'
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts'

/** The workbench's keys (lib/shortcuts), on the window while the component is mounted; typing in a field never triggers one. */
export function useShortcuts(handle: (action: ShortcutAction, e: KeyboardEvent) => void) {
  function onKey(e: KeyboardEvent) {
    const action = shortcutFor(e)
    if (!action) return
    e.preventDefault()
    handle(action, e)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
