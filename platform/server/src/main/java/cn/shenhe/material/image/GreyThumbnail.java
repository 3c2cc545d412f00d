package cn.shenhe.material.image;

import cn.shenhe.plugin.api.GreyImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The picture as the quality checks see it ({@link GreyImage}): each square of f x f pixels averaged
 * into one grey level, f the smallest whole factor that brings the long side to at most
 * {@link GreyImage#MAX_SIDE}. A box average needs no filtering beyond itself (no aliasing of fine
 * print) and one pass over the bytes; the last few rows or columns that do not fill a square are left out.
 * From f = 4 on (pictures over 1536 px), every other row and column of a square is enough to average
 * (still 4 or more samples), which halves or quarters the bytes read.
 */
public final class GreyThumbnail {

    private GreyThumbnail() {
    }

    /** @param bgr a {@link PackedBgr} picture, upright and before the watermark */
    public static GreyImage of(BufferedImage bgr) {
        if (!PackedBgr.is(bgr)) {
            throw new IllegalArgumentException("expected a packed BGR picture");
        }
        int w = bgr.getWidth(), h = bgr.getHeight();
        int f = Math.max(1, (Math.max(w, h) + GreyImage.MAX_SIDE - 1) / GreyImage.MAX_SIDE);
        int tw = Math.max(1, w / f), th = Math.max(1, h / f);
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[tw * th];
        int[] sums = new int[tw];
        int rows = Math.min(f, h), columns = Math.min(f, w);
        int step = f >= 4 ? 2 : 1;
        int divisor = ((rows + step - 1) / step) * ((columns + step - 1) / step) * 256;
        for (int ty = 0; ty < th; ty++) {
            java.util.Arrays.fill(sums, 0);
            for (int y = ty * f, yEnd = Math.min(h, y + rows); y < yEnd; y += step) {
                int row = y * w * 3;
                for (int tx = 0; tx < tw; tx++) {
                    int s = 0;
                    for (int k = 0, i = row + tx * f * 3; k < columns; k += step, i += 3 * step) {
                        // BT.601 luma in 1/256: 0.114 B + 0.587 G + 0.299 R
                        s += 29 * (src[i] & 0xFF) + 150 * (src[i + 1] & 0xFF) + 77 * (src[i + 2] & 0xFF);
                    }
                    sums[tx] += s;
                }
            }
            for (int tx = 0; tx < tw; tx++) {
                out[ty * tw + tx] = (byte) Math.min(255, (sums[tx] + divisor / 2) / divisor);
            }
        }
        return new GreyImage(tw, th, out);
    }
}
