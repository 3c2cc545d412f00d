/**
 * Makes a photo fit a material type's rules before it is uploaded: phones take ~1.5 MB photos,
 * districts accept 200 KB. Decodes with the EXIF orientation applied (the picture must be upright),
 * then shrinks and re-encodes until it fits. Unsupported formats are refused here with a clear
 * message, before any upload.
 */
export type ImageFormat = 'image/jpeg' | 'image/png'

export class UnsupportedFormatError extends Error {
  constructor(public accepted: string[]) {
    super('unsupported-format')
  }
}

export class CannotShrinkError extends Error {
  constructor() {
    super('cannot-shrink')
  }
}

/** What the file really is, from its first bytes (a name or a MIME type can lie). */
export function sniff(head: Uint8Array): ImageFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png'
  return null
}

export interface Decoded {
  width: number
  height: number
  source: unknown
  close?: () => void
}

export interface Codec {
  decode(blob: Blob): Promise<Decoded>
  encode(d: Decoded, width: number, height: number, type: ImageFormat, quality: number): Promise<Blob>
}

export interface Rules {
  maxBytes: number
  formats: string[]
}

export interface Prepared {
  blob: Blob
  type: ImageFormat
  resized: boolean
  width?: number
  height?: number
  originalBytes: number
}

/** Longest side we start from: plenty for reading a document, far under the server's pixel limit. */
export const START_SIDE = 2400

async function readHead(blob: Blob): Promise<Uint8Array> {
  const part = blob.slice(0, 16)
  if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer())
  return new Uint8Array(await new Response(part).arrayBuffer())
}

export async function prepareImage(file: Blob, rules: Rules, codec: Codec = browserCodec): Promise<Prepared> {
  const format = sniff(await readHead(file))
  if (!format || !rules.formats.includes(format)) throw new UnsupportedFormatError(rules.formats)
  if (file.size <= rules.maxBytes) {
    return { blob: file.type === format ? file : new Blob([file], { type: format }), type: format, resized: false, originalBytes: file.size }
  }
  const out: ImageFormat = rules.formats.includes('image/jpeg') ? 'image/jpeg' : format
  const d = await codec.decode(file)
  try {
    const longest = Math.max(d.width, d.height)
    let scale = Math.min(1, START_SIDE / longest)
    let quality = 0.85
    for (let i = 0; i < 14; i++) {
      const w = Math.max(1, Math.round(d.width * scale))
      const h = Math.max(1, Math.round(d.height * scale))
      const blob = await codec.encode(d, w, h, out, quality)
      if (blob.size <= rules.maxBytes) {
        return { blob, type: out, resized: true, width: w, height: h, originalBytes: file.size }
      }
      const ratio = rules.maxBytes / blob.size
      if (out === 'image/jpeg' && quality > 0.6 && ratio > 0.6) {
        quality = Math.round((quality - 0.1) * 100) / 100 // close: a little less quality keeps the detail
      } else {
        scale *= Math.min(0.9, Math.max(0.5, Math.sqrt(ratio) * 0.95))
      }
      if (Math.max(w, h) < 200) break
    }
    throw new CannotShrinkError()
  } finally {
    d.close?.()
  }
}

/** The browser's own decoder and canvas encoder. */
export const browserCodec: Codec = {
  async decode(blob) {
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' })
    return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() }
  },
  async encode(d, width, height, type, quality) {
    const canvas: OffscreenCanvas | HTMLCanvasElement =
      typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height })
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
    if (!ctx) throw new CannotShrinkError()
    if (type === 'image/jpeg') {
      ctx.fillStyle = '#fff' // transparent PNG areas would turn black in a JPEG
      ctx.fillRect(0, 0, width, height)
    }
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(d.source as CanvasImageSource, 0, 0, width, height)
    if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality })
    return new Promise<Blob>((resolve, reject) =>
      (canvas as HTMLCanvasElement).toBlob((b) => (b ? resolve(b) : reject(new CannotShrinkError())), type, quality))
  },
}
