package cn.shenhe.material.image;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Decodes and encodes JPEG for the pipeline, in the one pixel layout its stages share ({@link PackedBgr}).
 * Two implementations: libjpeg-turbo through the Java FFM API ({@code turbo.TurboJpegCodec}), several
 * times faster, and ImageIO ({@link ImageIoCodec}), which stays the fallback and reads everything the
 * native one declines. {@link JpegCodecs} picks one at start.
 */
public interface JpegCodec {

    /** What the log and {@code /health} call it, e.g. "libjpeg-turbo (libturbojpeg.so.0)". */
    String name();

    /**
     * Decodes a JPEG whose header the caller has already checked ({@link JpegHeader}: dimensions within
     * the limits), so no decoder sees a picture that is too large.
     *
     * @param minLongSide the codec may decode the picture smaller (libjpeg's DCT scaling, by eighths) as
     *                    long as its longest side stays at least this: a 4000 px phone photo that will be
     *                    stored at 2400 px need not be decoded in full
     *
     * @return the pixels, or empty if this codec declines the picture (damaged, CMYK, anything it does
     *         not handle): the pipeline then asks ImageIO, which decides whether it is readable
     */
    Optional<BufferedImage> decode(byte[] jpeg, JpegHeader header, int minLongSide);

    /**
     * A fresh baseline JPEG (4:2:0, standard tables, JFIF header only: no metadata can survive).
     *
     * @param bgr the {@link PackedBgr} layout
     * @param quality 1-100, as libjpeg's quality scale (ImageIO's 0.85 is 85)
     */
    byte[] encode(BufferedImage bgr, int quality);
}
