package cn.shenhe.material.image;

import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFormat;

/**
 * The stored form of an upload: a freshly encoded, watermarked, upright JPEG without metadata,
 * plus facts about the original kept for audit (size, format, SHA-256 of the bytes as received), and
 * the grey picture the quality checks look at and its perceptual hash for reuse detection (both taken before
 * the watermark).
 */
public record ProcessedImage(byte[] bytes, int width, int height, ImageFormat originalFormat,
                             long originalBytes, String originalSha256Hex, GreyImage grey, long perceptualHash,
                             StageTimings timings) {

    public String mimeType() { return ImageFormat.JPEG.mediaType(); }
}
