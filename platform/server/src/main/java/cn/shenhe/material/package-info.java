/**
 * Material pictures (材料图片): the upload pipeline (bounded read, format by magic bytes,
 * dimensions before decoding, EXIF orientation, watermark, re-encode), their durable storage and
 * rows (the rows' class is registration's, which owns its pictures), the per-type count limits (held under concurrency by locking the registration's row), and
 * deletion until a picture is approved and locked.
 */
package cn.shenhe.material;
