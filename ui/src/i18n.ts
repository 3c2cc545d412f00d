import { createI18n } from 'vue-i18n'
import type { LocalizedText } from './lib/types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export type Locale = 'zh-CN' | 'en'

function initialLocale(): Locale {
  try {
    return localStorage.getItem('shenhe.lang') === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  try { localStorage.setItem('shenhe.lang', l) } catch { /* private mode */ }
  if (typeof document !== 'undefined') document.documentElement.lang = l
}

/** The server's bilingual texts, in the user's language. */
export function lt(t: LocalizedText | null | undefined): string {
  if (!t) return ''
  return currentLocale() === 'en' ? t.en || t.zh : t.zh || t.en
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${Math.round(n / 1024)} KB`
}

export function formatFormats(formats: string[]): string {
  const names = formats.flatMap((f) => (f === 'image/jpeg' ? ['jpg', 'jpeg'] : f === 'image/png' ? ['png'] : [f.replace('image/', '')]))
  return names.join(' / ')
}

/** A district's review mode: the plugin's own name when the server gives one (网上审核 / 现场审核). */
export function modeName(d: { reviewMode: string; reviewModeName?: LocalizedText | null }, t: (k: string) => string): string {
  if (d.reviewModeName) return lt(d.reviewModeName)
  const known: Record<string, string> = { ONLINE: 'mode.ONLINE', 'online-review': 'mode.ONLINE', ON_SITE: 'mode.ON_SITE', 'onsite-review': 'mode.ON_SITE' }
  return known[d.reviewMode] ? t(known[d.reviewMode]) : d.reviewMode
}

export function inPerson(d: { reviewMode: string; inPerson?: boolean }): boolean {
  return d.inPerson ?? (d.reviewMode === 'ON_SITE' || d.reviewMode === 'onsite-review')
}
