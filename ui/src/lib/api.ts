// The transport under src/api/<area>.ts: the bearer token, Accept-Language, and refusals (problem+json) as ApiError.
// Views and components call the area modules, not these functions (but for imageUrl, the picture loader
// that AuthImage and UploadCard take by default).
import { token } from './auth'
import type { Problem } from './types'
import { currentLocale } from '../i18n'

/** A refusal of the server, with its problem+json message in the user's language. */
export class ApiError extends Error {
  constructor(public status: number, public problem: Problem | null, message: string) {
    super(message)
  }
  get code(): string | undefined { return this.problem?.code }
}

export function acceptLanguage(): string {
  return currentLocale() === 'en' ? 'en, zh-CN;q=0.5' : 'zh-CN, zh;q=0.9, en;q=0.5'
}

export function problemMessage(p: Problem | null, status: number): string {
  if (p) {
    const lang = currentLocale() === 'en' ? 'en' : 'zh-CN'
    return p.messages?.[lang] ?? p.detail ?? p.title ?? `HTTP ${status}`
  }
  return `HTTP ${status}`
}

async function headers(extra?: Record<string, string>): Promise<Record<string, string>> {
  const h: Record<string, string> = { 'Accept-Language': acceptLanguage(), Accept: 'application/json', ...extra }
  const t = await token()
  if (t) h.Authorization = `Bearer ${t}`
  return h
}

async function fail(r: Response): Promise<never> {
  let p: Problem | null = null
  try { p = (await r.json()) as Problem } catch { /* not json */ }
  throw new ApiError(r.status, p, problemMessage(p, r.status))
}

export async function apiGet<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: await headers() })
  if (!r.ok) return fail(r)
  return (await r.json()) as T
}

export async function apiSend<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  const r = await fetch(path, {
    method,
    headers: await headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!r.ok) return fail(r)
  if (r.status === 204) return null
  const text = await r.text()
  return text ? (JSON.parse(text) as T) : null
}

/** An image behind the token, as an object URL for an <img>. */
export async function imageUrl(path: string): Promise<string> {
  const h = await headers({ Accept: 'image/*' })
  const r = await fetch(path, { headers: h })
  if (!r.ok) return fail(r)
  return URL.createObjectURL(await r.blob())
}

/** Uploads one picture as the request body, reporting progress (0..1). */
export async function uploadImage<T>(url: string, body: Blob, onProgress: (fraction: number) => void): Promise<T> {
  const h = await headers({ 'Content-Type': body.type || 'image/jpeg' })
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [k, v] of Object.entries(h)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total) }
    xhr.onload = () => {
      let json: unknown = null
      try { json = xhr.responseText ? JSON.parse(xhr.responseText) : null } catch { /* not json */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(json as T)
      } else {
        const p = json as Problem | null
        reject(new ApiError(xhr.status, p, problemMessage(p, xhr.status)))
      }
    }
    xhr.onerror = () => reject(new ApiError(0, null, 'network'))
    xhr.send(body)
  })
}

/** Any request; refusals become ApiError. For text or file bodies (YAML, a sample picture) and headers (ETag, If-Match). */
export async function apiRaw(method: string, path: string, opts: { body?: string | Blob; contentType?: string; accept?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const h = await headers({ ...(opts.accept ? { Accept: opts.accept } : {}), ...(opts.contentType ? { 'Content-Type': opts.contentType } : {}), ...opts.headers })
  const r = await fetch(path, { method, headers: h, body: opts.body })
  if (!r.ok) return fail(r)
  return r
}
