import { describe, expect, it } from 'vitest'
import { CannotShrinkError, prepareImage, sniff, UnsupportedFormatError, type Codec, type Decoded } from './compress'

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0]
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function file(head: number[], size: number, type = 'image/jpeg'): Blob {
  const bytes = new Uint8Array(size)
  bytes.set(head)
  return new Blob([bytes], { type })
}

/** A stand-in for the canvas: a noisy photo's JPEG costs ~0.9 bit per pixel at quality 0.85. */
function fakeCodec(width: number, height: number, bitsPerPixel = 0.9) {
  const calls: { w: number; h: number; q: number; type: string }[] = []
  const codec: Codec = {
    async decode(): Promise<Decoded> {
      return { width, height, source: {}, close: () => undefined }
    },
    async encode(_d, w, h, type, q) {
      calls.push({ w, h, q, type })
      const bytes = Math.round((w * h * bitsPerPixel * (q / 0.85)) / 8)
      return new Blob([new Uint8Array(bytes)], { type })
    },
  }
  return { codec, calls }
}

describe('sniff', () => {
  it('knows JPEG and PNG by their first bytes', () => {
    expect(sniff(new Uint8Array(JPEG_HEAD))).toBe('image/jpeg')
    expect(sniff(new Uint8Array(PNG_HEAD))).toBe('image/png')
    expect(sniff(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeNull() // GIF89a
    expect(sniff(new Uint8Array([]))).toBeNull()
  })
})

describe('prepareImage', () => {
  const rules = { maxBytes: 204_800, formats: ['image/jpeg', 'image/png'] }

  it('sends a picture that already fits as it is', async () => {
    const { codec, calls } = fakeCodec(800, 600)
    const f = file(JPEG_HEAD, 150_000)
    const p = await prepareImage(f, rules, codec)
    expect(p.resized).toBe(false)
    expect(p.blob.size).toBe(150_000)
    expect(calls).toHaveLength(0)
  })

  it('shrinks a 1.5 MB 4000×3000 phone photo under 200 KB, still large enough to read', async () => {
    const { codec, calls } = fakeCodec(4000, 3000)
    const p = await prepareImage(file(JPEG_HEAD, 1_500_000), rules, codec)
    expect(p.resized).toBe(true)
    expect(p.type).toBe('image/jpeg')
    expect(p.blob.size).toBeLessThanOrEqual(204_800)
    expect(Math.max(p.width!, p.height!)).toBeGreaterThanOrEqual(1000)
    expect(p.width! / p.height!).toBeCloseTo(4 / 3, 2) // never distorted
    expect(calls.length).toBeLessThanOrEqual(8)
    expect(calls[0].w).toBe(2400) // starts at a readable size, not at 12 MP
  })

  it('re-encodes an oversized PNG as JPEG when the type accepts JPEG', async () => {
    const { codec } = fakeCodec(3000, 2000, 4)
    const p = await prepareImage(file(PNG_HEAD, 3_000_000, 'image/png'), rules, codec)
    expect(p.type).toBe('image/jpeg')
    expect(p.blob.size).toBeLessThanOrEqual(204_800)
  })

  it('keeps PNG when the type accepts only PNG', async () => {
    const { codec, calls } = fakeCodec(3000, 2000, 2)
    const p = await prepareImage(file(PNG_HEAD, 2_000_000, 'image/png'), { maxBytes: 204_800, formats: ['image/png'] }, codec)
    expect(p.type).toBe('image/png')
    expect(calls.every((c) => c.type === 'image/png')).toBe(true)
  })

  it('refuses formats the type does not accept, whatever the file says it is', async () => {
    const gif = file([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 5000, 'image/jpeg')
    await expect(prepareImage(gif, rules)).rejects.toBeInstanceOf(UnsupportedFormatError)
    await expect(prepareImage(file(PNG_HEAD, 5000, 'image/png'), { maxBytes: 204_800, formats: ['image/jpeg'] }))
      .rejects.toBeInstanceOf(UnsupportedFormatError)
  })

  it('gives up on a picture that cannot shrink', async () => {
    const codec: Codec = {
      async decode() { return { width: 4000, height: 3000, source: {} } },
      async encode(_d, _w, _h, type) { return new Blob([new Uint8Array(300_000)], { type }) },
    }
    await expect(prepareImage(file(JPEG_HEAD, 1_500_000), rules, codec)).rejects.toBeInstanceOf(CannotShrinkError)
  })
})
