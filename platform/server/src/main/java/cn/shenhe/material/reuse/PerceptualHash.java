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
        double total = 0;
        for (double v : detail) total += v;
        long hash = 0;
        for (int bit = 0; bit < 64; bit++) {
            // the dot product with the ±1 pattern: twice the sum over the + cells, less the whole (no branch per cell)
            long[] signs = PATTERNS[bit];
            double plus = 0;
            for (int word = 0; word < signs.length; word++) {
                for (long bits = signs[word]; bits != 0; bits &= bits - 1) {
                    plus += detail[(word << 6) + Long.numberOfTrailingZeros(bits)];
                }
            }
            if (2 * plus - total > 0) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /**
     * Area average onto the grid: each cell the mean of the grey pixels it covers (edge pixels weighted by their
     * share). A pixel row is first summed into one row of cells, then that row into the grid with the row's share.
     */
    static double[] average(GreyImage grey) {
        int w = grey.width(), h = grey.height();
        double sx = (double) w / SIDE, sy = (double) h / SIDE;
        Shares columns = Shares.of(w, sx), rows = Shares.of(h, sy);
        double[] out = new double[CELLS];
        double[] line = new double[SIDE];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(line, 0);
            for (int x = 0; x < w; x++) {
                int v = grey.at(x, y);
                for (int i = columns.start[x]; i < columns.start[x + 1]; i++) {
                    line[columns.cell[i]] += columns.weight[i] * v;
                }
            }
            for (int i = rows.start[y]; i < rows.start[y + 1]; i++) {
                int base = rows.cell[i] * SIDE;
                double wy = rows.weight[i];
                for (int cx = 0; cx < SIDE; cx++) {
                    out[base + cx] += wy * line[cx];
                }
            }
        }
        double area = sx * sy;
        for (int i = 0; i < CELLS; i++) {
            out[i] /= area;
        }
        return out;
    }

    /** For each pixel of a side, the grid cells it falls into and its share of each (one or two when the side is ≥ SIDE). */
    private record Shares(int[] start, int[] cell, double[] weight) {
        static Shares of(int n, double scale) {
            int[] start = new int[n + 1];
            int[] cell = new int[n + SIDE + 1];
            double[] weight = new double[cell.length];
            int k = 0;
            for (int p = 0; p < n; p++) {
                start[p] = k;
                int c0 = (int) (p / scale), c1 = Math.min(SIDE - 1, (int) ((p + 1) / scale - 1e-9));
                for (int c = c0; c <= c1; c++) {
                    cell[k] = c;
                    weight[k++] = Math.min((c + 1) * scale, p + 1) - Math.max(c * scale, p);
                }
            }
            start[n] = k;
            return new Shares(start, cell, weight);
        }
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
