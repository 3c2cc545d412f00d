package cn.shenhe.material.reuse;

import cn.shenhe.plugin.api.GreyImage;
import java.util.Random;

/**
 * A 64-bit perceptual hash of a picture: pictures that look the same have hashes a few bits apart, whatever
 * happened to their bytes. Made from the upload pipeline's grey copy ({@link GreyImage}, taken before our
 * watermark), so it costs no decoding of its own.
 *
 * <p>How (a SimHash of the picture's detail): the grey copy is averaged onto a {@value #SIDE}x{@value #SIDE}
 * grid (the aspect is dropped, so a copy scaled by a few percent lands on the same grid), each cell minus the
 * mean of its 5x5 neighbourhood (what is left is the detail: text, faces, edges, not the lighting), and bit i
 * is the sign of the detail's dot product with a fixed random ±1 pattern i. Two pictures' Hamming distance
 * then grows with the angle between their details (random-hyperplane hashing).
 *
 * <p>Why not the usual DCT pHash (the lowest 8x8 frequencies against their median) or a dHash: both look at
 * the layout, and documents of one kind share their layout. Photos of two people's ID cards of one template
 * came 2-4 bits apart with a pHash, as close as a recompressed copy; with this hash copies (re-encoded,
 * scaled, recompressed, watermarked again) stay within a few bits and other people's cards are far
 * (the figures: {@code PerceptualHashTest}, docs/operations.md). The detail of a copy survives because
 * recompression and resampling change what is finer than a cell (a cell is 1/64 of the picture's side),
 * and our translucent watermark shifts cells a little without turning the detail's direction. The random
 * patterns make every bit equally likely set and independent of the others, which spreads the hashes
 * evenly over the index's bands ({@link ReuseBands}).
 *
 * <p>The patterns come from {@link Random} with a fixed seed: its sequence is specified by the JDK, so stored
 * hashes stay comparable across versions. Changing anything here changes every hash: re-hash every picture.
 */
public final class PerceptualHash {

    static final int SIDE = 64;
    private static final int RADIUS = 2;
    private static final int CELLS = SIDE * SIDE;
    /** Per bit, the pattern's signs: bit k of word j set means +1 for cell 64j + k. */
    private static final long[][] PATTERNS = patterns();

    private PerceptualHash() {
    }

    public static long of(GreyImage grey) {
        double[] detail = detail(average(grey));
        long hash = 0;
        for (int bit = 0; bit < 64; bit++) {
            long[] signs = PATTERNS[bit];
            double s = 0;
            for (int cell = 0; cell < CELLS; cell++) {
                double v = detail[cell];
                s += (signs[cell >>> 6] >>> (cell & 63) & 1) != 0 ? v : -v;
            }
            if (s > 0) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** Area average onto the grid: each cell the mean of the grey pixels it covers (edge pixels weighted by their share). */
    static double[] average(GreyImage grey) {
        int w = grey.width(), h = grey.height();
        double[] out = new double[CELLS];
        double sx = (double) w / SIDE, sy = (double) h / SIDE;
        double[] rowShare = new double[SIDE];
        for (int y = 0; y < h; y++) {
            // a pixel row falls into one or two grid rows
            int cy0 = (int) (y / sy), cy1 = Math.min(SIDE - 1, (int) ((y + 1) / sy - 1e-9));
            for (int x = 0; x < w; x++) {
                int v = grey.at(x, y);
                int cx0 = (int) (x / sx), cx1 = Math.min(SIDE - 1, (int) ((x + 1) / sx - 1e-9));
                for (int cy = cy0; cy <= cy1; cy++) {
                    double wy = Math.min((cy + 1) * sy, y + 1) - Math.max(cy * sy, y);
                    for (int cx = cx0; cx <= cx1; cx++) {
                        double wx = Math.min((cx + 1) * sx, x + 1) - Math.max(cx * sx, x);
                        out[cy * SIDE + cx] += wx * wy * v;
                    }
                }
            }
        }
        double area = sx * sy;
        for (int i = 0; i < CELLS; i++) {
            out[i] /= area;
        }
        return out;
    }

    /** Each cell minus the mean of its neighbourhood (clipped at the borders), then the whole made zero-mean. */
    private static double[] detail(double[] g) {
        double[] out = new double[CELLS];
        double total = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, y - RADIUS); yy <= Math.min(SIDE - 1, y + RADIUS); yy++) {
                    for (int xx = Math.max(0, x - RADIUS); xx <= Math.min(SIDE - 1, x + RADIUS); xx++) {
                        s += g[yy * SIDE + xx];
                        n++;
                    }
                }
                out[y * SIDE + x] = g[y * SIDE + x] - s / n;
                total += out[y * SIDE + x];
            }
        }
        double mean = total / CELLS;
        for (int i = 0; i < CELLS; i++) {
            out[i] -= mean;
        }
        return out;
    }

    private static long[][] patterns() {
        Random random = new Random(0x5368656E6865L);   // "Shenhe": fixed forever, see the class comment
        long[][] p = new long[64][CELLS / 64];
        for (long[] pattern : p) {
            for (int j = 0; j < pattern.length; j++) {
                pattern[j] = random.nextLong();
            }
        }
        return p;
    }
}
