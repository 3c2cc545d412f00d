import { ref } from 'vue'
import { search as searchDistrict, type SearchHit } from '../api/review'

/** The server's snippets escape everything but the <em> around matches: keep only those. */
export function safeSnippet(html: string): string {
  return html.replace(/<(?!\/?em>)[^>]*>/g, '')
}

/** Searching the district's registrations from the workbench (name, ID number, registration id, comment words). */
export function useRegistrationSearch(district: () => string) {
  const q = ref('')
  const hits = ref<SearchHit[] | null>(null)
  const error = ref('')

  async function search() {
    if (!q.value.trim()) {
      hits.value = null
      return
    }
    try {
      hits.value = await searchDistrict(district(), q.value.trim())
      error.value = ''
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  function clear() {
    hits.value = null
  }

  return { q, hits, error, search, clear }
}
