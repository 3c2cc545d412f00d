package cn.shenhe.material.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.plugin.api.GreyImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hash computed faster (rows of cells summed before the grid; the patterns' dot products without a branch per
 * cell) is the hash as first defined, which stored hashes were made with: the definition is kept here as it was.
 */
class PerceptualHashReferenceTest {

    @Test
    void theFastHashIsTheDefinedHash() {
        Random random = new Random(7);
        int[][] sizes = {{500, 375}, {375, 500}, {512, 384}, {400, 300}, {64, 64}, {63, 200}, {1, 1}, {511, 97}, {130, 65}};
        int compared = 0;
        for (int[] size : sizes) {
            for (int kind = 0; kind < 4; kind++) {
                GreyImage grey = picture(size[0], size[1], kind, random);
                assertEquals(Long.toBinaryString(Reference.of(grey)), Long.toBinaryString(PerceptualHash.of(grey)),
                        size[0] + "x" + size[1] + " kind " + kind);
                compared++;
            }
        }
        assertEquals(sizes.length * 4, compared);
    }

    /** Noise, a gradient, blocks like a document's, and noise over a gradient. */
    private static GreyImage picture(int w, int h, int kind, Random random) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = switch (kind) {
                    case 0 -> random.nextInt(256);
                    case 1 -> (x * 255 / Math.max(1, w - 1) + y * 97 / Math.max(1, h)) & 0xFF;
                    case 2 -> ((x / 23 + y / 17) % 3 == 0 ? 40 : 220) + random.nextInt(8);
                    default -> Math.min(255, x * 200 / Math.max(1, w) + random.nextInt(56));
                };
                px[y * w + x] = (byte) v;
            }
        }
        return new GreyImage(w, h, px);
    }

    /** PerceptualHash as first written (session 9), unchanged. */
    private static final class Reference {
        static final int SIDE = 64;
        static final int RADIUS = 2;
        static final int CELLS = SIDE * SIDE;
        static final long[][] PATTERNS = patterns();

        static long of(GreyImage grey) {
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

        static double[] detail(double[] g) {
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

        static long[][] patterns() {
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
}
