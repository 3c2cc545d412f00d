import { apiRaw } from './api'

/** Downloads a file the API serves behind the bearer token (an export): fetched, then saved from a blob URL. */
export async function download(path: string, filename: string): Promise<void> {
  const r = await apiRaw('GET', path, { accept: '*/*' })
  const url = URL.createObjectURL(await r.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
