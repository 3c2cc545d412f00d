package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.problem.ProblemException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes an upload within its limits. A JPEG goes to the {@link JpegCodec} once its frame header, read in
 * Java, is within the limits; whatever the codec declines (and every PNG) goes to ImageIO, which checks the
 * header again itself and stays the judge of what is unreadable.
 */
final class ImageDecoder {

    static final int MAX_SIDE = ImagePipeline.MAX_SIDE;

    private final JpegCodec codec;

    ImageDecoder(JpegCodec codec) {
        this.codec = codec;
    }

    /** @param abandoned set when the caller gave up: a running decode aborts at its next progress callback */
    ImageIoCodec.Decoded decode(byte[] bytes, ImageFormat format, UploadRules rules, AtomicBoolean abandoned) throws IOException {
        if (format == ImageFormat.JPEG && codec != ImageIoCodec.INSTANCE) {
            long t0 = System.nanoTime();
            JpegHeader header = JpegHeader.read(bytes).orElseThrow(ImageProblems::unreadable);
            checkDimensions(header.width(), header.height(), rules.maxPixels());
            long t1 = System.nanoTime();
            Optional<BufferedImage> image = codec.decode(bytes, header, rules.storedSide());
            // a native decode cannot be interrupted; it is bounded by the checked pixel count
            if (abandoned.get()) throw ImageProblems.timeout();
            if (image.isPresent()) {
                return new ImageIoCodec.Decoded(image.get(), header.width(), header.height(), t1 - t0, System.nanoTime() - t1);
            }
        }
        return ImageIoCodec.INSTANCE.read(bytes, rules.maxPixels(), abandoned);
    }

    /** @throws ProblemException unreadable (no size) or too large, from the header alone */
    static void checkDimensions(int w, int h, long maxPixels) {
        if (w <= 0 || h <= 0) throw ImageProblems.unreadable();
        if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > maxPixels) {
            throw ImageProblems.dimensionsTooLarge(w, h, maxPixels, MAX_SIDE);
        }
    }

    /**
     * Flattens transparency onto white (paper), and gives one pixel layout to the later stages:
     * packed 3-byte BGR, which is what the JPEG decoder produces (so a JPEG is not copied at all) and
     * what the JPEG encoder copies row by row cheaply (from int pixels it converts pixel by pixel).
     */
    static BufferedImage toBgr(BufferedImage src) {
        if (PackedBgr.is(src)) return src;
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            if (src.getColorModel().hasAlpha()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
