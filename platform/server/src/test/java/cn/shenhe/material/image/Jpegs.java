package cn.shenhe.material.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers to inspect encoded images. */
final class Jpegs {

    private Jpegs() {}

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) throw new AssertionError("not decodable");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Markers of the segments before the image data (SOS included), e.g. [E0, DB, C0, C4, DA]. */
    static List<Integer> headerMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) break;
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return markers;
    }

    static boolean contains(byte[] haystack, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    static boolean endsWithEoi(byte[] jpeg) {
        return jpeg.length > 2 && (jpeg[jpeg.length - 2] & 0xFF) == 0xFF && (jpeg[jpeg.length - 1] & 0xFF) == 0xD9;
    }

    /** Mean absolute per-channel difference in a region. */
    static double meanDiff(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
            }
        }
        return sum / (3.0 * w * h);
    }

    /** Fraction of pixels in a region where some channel differs by more than {@code threshold}. */
    static double changedFraction(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h, int threshold) {
        int changed = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    if (Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF)) > threshold) { changed++; break; }
                }
            }
        }
        return changed / (double) (w * h);
    }

    static boolean isRed(int rgb) { return r(rgb) > 200 && g(rgb) < 80 && b(rgb) < 80; }

    static boolean isBlue(int rgb) { return r(rgb) < 80 && g(rgb) < 80 && b(rgb) > 200; }

    static boolean isWhite(int rgb) { return r(rgb) > 230 && g(rgb) > 230 && b(rgb) > 230; }

    static int r(int rgb) { return (rgb >> 16) & 0xFF; }

    static int g(int rgb) { return (rgb >> 8) & 0xFF; }

    static int b(int rgb) { return rgb & 0xFF; }
}
