package cn.shenhe.plugins.quality;

import cn.shenhe.plugin.api.GreyImage;

/**
 * What the checks measure on the host's grey picture (long side at most 512 px). Every measure is
 * taken relative to the picture's own black and white ({@link Levels}), so that a dark or a
 * washed-out picture is not also taken for a blurred one, nor a blurred one for an empty frame.
 */
final class Measures {

    /** A pixel at or above this level has lost its detail (sensor or JPEG clipped it). */
    static final int CLIPPED = 250;
    /** Paper in good light and anything brighter; what is darker is the picture's content and its background. */
    static final int WHITE = 240;
    /** Edges are steps of at least this share of the picture's range: text strokes, the paper's border. */
    private static final double EDGE_STEP = 0.1;
    /** The bounding box of the edges ignores this share of edge pixels on each side (stray specks on the desk). */
    private static final double EDGE_TRIM = 0.01;
    /** The text is looked for inside the document, away from its border, which is a single long edge line. */
    private static final double BORDER_MARGIN = 0.05;

    private Measures() {
    }

    /**
     * The grey levels: {@code low}/{@code high} are the 2nd and 98th percentiles (the ink and the paper,
     * or the shadows and the highlights: the paper even when the document is small in the frame);
     * {@code clipped} the share of pixels at or above {@link #CLIPPED}; {@code content} the median of
     * the pixels below {@link #WHITE} (ink and print, the desk), or 0 when there are none.
     */
    record Levels(int low, int high, double clipped, int content) {

        /** The range the picture spans; at least 16 levels, so a flat picture does not divide by nothing. */
        int range() {
            return Math.max(16, high - low);
        }
    }

    static Levels levels(GreyImage g) {
        int[] h = g.histogram();
        long n = (long) g.width() * g.height();
        int clipped = 0;
        for (int v = CLIPPED; v < 256; v++) {
            clipped += h[v];
        }
        long belowWhite = 0;
        for (int v = 0; v < WHITE; v++) {
            belowWhite += h[v];
        }
        int content = belowWhite == 0 ? 0 : percentile(java.util.Arrays.copyOf(h, WHITE), belowWhite, 0.5);
        return new Levels(percentile(h, n, 0.02), percentile(h, n, 0.98), (double) clipped / n, content);
    }

    private static int percentile(int[] h, long n, double p) {
        long want = (long) Math.ceil(p * n);
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += h[v];
            if (seen >= want) {
                return v;
            }
        }
        return 255;
    }

    /**
     * Variance of the 4-neighbour Laplacian, as if the picture spanned the full 0-255 range and the
     * document filled the frame. Blur removes the fine steps the Laplacian answers to; stretching to
     * the full range keeps a sharp but dark (or faint) photo from looking blurred, and dividing by the
     * document's share of the frame ({@code fill}, from {@link #layout}) a sharp but small one.
     */
    static double sharpness(GreyImage g, Levels levels, double fill) {
        int w = g.width(), h = g.height();
        if (w < 3 || h < 3) {
            return 0;
        }
        double sum = 0, sumSq = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int lap = g.at(x - 1, y) + g.at(x + 1, y) + g.at(x, y - 1) + g.at(x, y + 1) - 4 * g.at(x, y);
                sum += lap;
                sumSq += (double) lap * lap;
            }
        }
        double n = (double) (w - 2) * (h - 2);
        double variance = sumSq / n - (sum / n) * (sum / n);
        double stretch = 255.0 / levels.range();
        return variance * stretch * stretch / Math.max(fill, 0.05);
    }

    /**
     * Where the document is and which way its text runs, from the picture's edges.
     *
     * @param fill          the share of the frame the edges' bounding box covers (the document, in a photo of one)
     * @param textDirection how much more text lines vary down the picture than across it, as a natural log:
     *                      above 0 the lines run left to right (upright or upside down), below 0 up and down
     *                      (sideways); near 0 there are no clear lines
     */
    record Layout(double fill, double textDirection) {
    }

    static Layout layout(GreyImage g, Levels levels) {
        int w = g.width(), h = g.height();
        if (w < 3 || h < 3) {
            return new Layout(1, 0);
        }
        int step = (int) Math.ceil(EDGE_STEP * levels.range());
        boolean[] edge = new boolean[w * h];
        int[] perRow = new int[h];
        int[] perColumn = new int[w];
        int edges = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int gx = Math.abs(g.at(x + 1, y) - g.at(x - 1, y));
                int gy = Math.abs(g.at(x, y + 1) - g.at(x, y - 1));
                if (gx + gy >= step) {
                    edge[y * w + x] = true;
                    perRow[y]++;
                    perColumn[x]++;
                    edges++;
                }
            }
        }
        if (edges == 0) {
            return new Layout(1, 0);   // nothing to judge by: say nothing
        }
        int trim = (int) (edges * EDGE_TRIM);
        int top = first(perRow, trim), bottom = last(perRow, trim);
        int left = first(perColumn, trim), right = last(perColumn, trim);
        double fill = (double) (bottom - top + 1) * (right - left + 1) / ((double) w * h);

        // Profiles inside the document, away from its border: text lines make the row profile
        // alternate between lines and the gaps between them, while each column crosses every line.
        int my = (int) ((bottom - top) * BORDER_MARGIN), mx = (int) ((right - left) * BORDER_MARGIN);
        int y0 = top + my, y1 = bottom - my, x0 = left + mx, x1 = right - mx;
        if (y1 - y0 < 8 || x1 - x0 < 8) {
            return new Layout(fill, 0);
        }
        int[] rows = new int[y1 - y0 + 1];
        int[] columns = new int[x1 - x0 + 1];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (edge[y * w + x]) {
                    rows[y - y0]++;
                    columns[x - x0]++;
                }
            }
        }
        double cvRows = variation(rows), cvColumns = variation(columns);
        double direction = cvRows == 0 || cvColumns == 0 ? 0 : Math.log(cvRows / cvColumns);
        return new Layout(fill, direction);
    }

    /** The first index after {@code skip} counted items. */
    private static int first(int[] counts, int skip) {
        int seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > skip) {
                return i;
            }
        }
        return 0;
    }

    private static int last(int[] counts, int skip) {
        int seen = 0;
        for (int i = counts.length - 1; i >= 0; i--) {
            seen += counts[i];
            if (seen > skip) {
                return i;
            }
        }
        return counts.length - 1;
    }

    /** Coefficient of variation: standard deviation over mean. */
    private static double variation(int[] values) {
        double sum = 0, sumSq = 0;
        for (int v : values) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / values.length;
        if (mean == 0) {
            return 0;
        }
        return Math.sqrt(Math.max(0, sumSq / values.length - mean * mean)) / mean;
    }
}
