package cn.shenhe.plugin.api;

import java.util.Objects;

/**
 * An uploaded picture as the checks see it: upright, before the watermark is drawn, in grey levels
 * (0 black to 255 white, ITU-R BT.601 luma) and scaled down by the host so its long side is at most
 * {@link #MAX_SIDE} pixels. Small enough that a whole-picture pass costs well under a millisecond,
 * large enough that text lines and the blur that makes them illegible still show.
 *
 * <p>Immutable: the host builds it once per upload and hands the same one to every check.
 *
 * @since 1.2
 */
public final class GreyImage {

    /** The longest side the host scales pictures down to. */
    public static final int MAX_SIDE = 512;

    private final int width;
    private final int height;
    private final byte[] pixels;

    /** @param pixels row after row, one byte per pixel; copied */
    public GreyImage(int width, int height, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1 || pixels.length != width * height) {
            throw new IllegalArgumentException("need width*height pixels, got " + pixels.length + " for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The grey level at (x, y), 0-255; (0, 0) is the top left corner. */
    public int at(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /** How many pixels have each grey level: 256 counts. */
    public int[] histogram() {
        int[] h = new int[256];
        for (byte p : pixels) {
            h[p & 0xFF]++;
        }
        return h;
    }
}
