package cn.shenhe.material.image;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tiles a {@link Watermark}'s text diagonally over a picture: dark ink with a light offset copy (a halo),
 * translucent, in staggered rows so no strip is left clear.
 *
 * <p>Drawing the glyphs with Java2D for every picture cost more than decoding it natively. The
 * tiles depend only on the text and the picture's size, and a district's pictures come in few sizes,
 * so the tiles are drawn once per (text, size) into a {@link Mask}: per pixel, how much of the
 * picture stays and how much ink and halo are added. Blending a mask is one multiply-add per byte. Large
 * pictures (over {@link #MASK_MAX_PIXELS}) are rare, and their masks would crowd out the common sizes:
 * they are drawn directly.
 */
public final class WatermarkPainter {

    private static final double ANGLE = Math.toRadians(-30);
    private static final Color INK = new Color(64, 64, 64);
    private static final Color HALO = Color.WHITE;
    /** Light enough that the document underneath stays readable, dark enough to survive re-encoding. */
    private static final float ALPHA = 0.30f;
    static final long MASK_MAX_PIXELS = 4_000_000;
    /** ~8 masks of 2 MP (4 MB each): a district's common sizes, and a few districts' texts. */
    private static final long CACHE_BYTES = 48L << 20;

    private final WatermarkFont font;
    private final Map<Key, Mask> masks = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    public WatermarkPainter(WatermarkFont font) {
        this.font = Objects.requireNonNull(font, "font");
    }

    private record Key(String text, int width, int height) {}

    /** Draws the watermark into a {@link PackedBgr} picture, in place. */
    public void paint(BufferedImage bgr, Watermark watermark) {
        if (watermark.isEmpty()) return;
        int w = bgr.getWidth(), h = bgr.getHeight();
        if ((long) w * h > MASK_MAX_PIXELS || !PackedBgr.is(bgr)) {
            drawDirectly(bgr, watermark.text());
            return;
        }
        mask(new Key(watermark.text(), w, h)).blendInto(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    }

    private Mask mask(Key key) {
        synchronized (masks) {
            Mask cached = masks.get(key);
            if (cached != null) return cached;
        }
        // Drawn outside the lock: two workers may both draw a new size once; neither waits for the other.
        Mask drawn = Mask.draw(this, key.text(), key.width(), key.height());
        synchronized (masks) {
            if (masks.putIfAbsent(key, drawn) == null) {
                cachedBytes += drawn.bytes();
                var eldest = masks.entrySet().iterator();
                while (cachedBytes > CACHE_BYTES && masks.size() > 1 && eldest.hasNext()) {
                    cachedBytes -= eldest.next().getValue().bytes();
                    eldest.remove();
                }
            }
        }
        return drawn;
    }

    /** Font pixel size for an image: proportional to the short side, in steps of 4 px so derived fonts are reused. */
    static int fontSize(int width, int height) {
        int size = Math.min(width, height) / 22;
        return Math.max(12, Math.min(400, Math.round(size / 4f) * 4));
    }

    /** The Java2D drawing the masks reproduce; also the path for large pictures. */
    void drawDirectly(BufferedImage image, String text) {
        Graphics2D g = image.createGraphics();
        try {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, ALPHA));
            drawTiles(g, text, image.getWidth(), image.getHeight(), HALO, INK);
        } finally {
            g.dispose();
        }
    }

    /**
     * The tiles: in rotated space a square of side = diagonal around the centre covers the whole image.
     * Each tile is first the halo (offset), then the ink; either colour may be null to draw the other alone.
     */
    private void drawTiles(Graphics2D g, String text, int w, int h, Color halo, Color ink) {
        int size = fontSize(w, h);
        Font f = font.sized(size);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        GlyphVector glyphs = f.createGlyphVector(g.getFontRenderContext(), text);
        double stepX = glyphs.getLogicalBounds().getWidth() + size * 2;
        double stepY = size * 3;
        float offset = Math.max(1, size / 16f);
        double cx = w / 2.0, cy = h / 2.0, half = Math.hypot(w, h) / 2;
        g.rotate(ANGLE, cx, cy);
        int row = 0;
        for (double y = cy - half; y <= cy + half + size; y += stepY, row++) {
            double stagger = (row % 2) * stepX / 2;
            for (double x = cx - half - stepX + stagger; x <= cx + half; x += stepX) {
                // dark ink shows on paper, its light offset copy on dark desks and shadows
                if (halo != null) {
                    g.setColor(halo);
                    g.drawGlyphVector(glyphs, (float) x + offset, (float) y + offset);
                }
                if (ink != null) {
                    g.setColor(ink);
                    g.drawGlyphVector(glyphs, (float) x, (float) y);
                }
            }
        }
    }

    /**
     * One size's watermark, kept only where it touches the picture: Java2D blends the halo, then the ink,
     * each at ALPHA times its anti-aliased coverage: p' = p(1-h)(1-i) + 255h(1-i) + 64i. So per covered pixel
     * the picture keeps {@code (256 - loss) / 256} of itself and gains {@code gain} levels, the same for all
     * three channels. The covered pixels are runs along the rows ({@code runs}: first pixel, end pixel, in
     * pairs) with their loss and gain packed in run order: most of a picture lies between the tiles, and the
     * blend then touches only the tenth or so that the text covers.
     */
    private record Mask(int[] runs, byte[] loss, byte[] gain) {

        static Mask draw(WatermarkPainter painter, String text, int w, int h) {
            byte[] halo = coverage(painter, text, w, h, true);
            byte[] ink = coverage(painter, text, w, h, false);
            byte[] loss = new byte[w * h], gain = new byte[w * h];
            int[] runs = new int[16];
            int n = 0, covered = 0;
            for (int i = 0; i < w * h; i++) {
                double hc = ALPHA * (halo[i] & 0xFF) / 255.0, ic = ALPHA * (ink[i] & 0xFF) / 255.0;
                double keep = (1 - hc) * (1 - ic);
                int l = (int) Math.round(256 * (1 - keep));   // <= 256 * 0.51
                if (l == 0) continue;
                if (n == 0 || runs[n - 1] != i || i % w == 0) {   // a new run: after a gap, or on a new row
                    if (n + 2 > runs.length) runs = Arrays.copyOf(runs, runs.length * 2);
                    runs[n] = i;
                    n += 2;
                }
                runs[n - 1] = i + 1;
                loss[covered] = (byte) l;
                gain[covered++] = (byte) Math.round(HALO.getRed() * hc * (1 - ic) + INK.getRed() * ic);   // <= 96
            }
            return new Mask(Arrays.copyOf(runs, n), Arrays.copyOf(loss, covered), Arrays.copyOf(gain, covered));
        }

        /** Anti-aliased coverage (0-255) of the halo's or the ink's glyphs alone, white on black. */
        private static byte[] coverage(WatermarkPainter painter, String text, int w, int h, boolean halo) {
            BufferedImage plane = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = plane.createGraphics();
            try {
                painter.drawTiles(g, text, w, h, halo ? Color.WHITE : null, halo ? null : Color.WHITE);
            } finally {
                g.dispose();
            }
            return ((DataBufferByte) plane.getRaster().getDataBuffer()).getData();
        }

        void blendInto(byte[] bgr) {
            for (int r = 0, k = 0; r < runs.length; r += 2) {
                for (int p = runs[r] * 3, end = runs[r + 1] * 3; p < end; p += 3, k++) {
                    int keep = 256 - (loss[k] & 0xFF), add = ((gain[k] & 0xFF) << 8) + 128;
                    bgr[p] = (byte) Math.min(255, ((bgr[p] & 0xFF) * keep + add) >> 8);
                    bgr[p + 1] = (byte) Math.min(255, ((bgr[p + 1] & 0xFF) * keep + add) >> 8);
                    bgr[p + 2] = (byte) Math.min(255, ((bgr[p + 2] & 0xFF) * keep + add) >> 8);
                }
            }
        }

        long bytes() { return 2L * loss.length + 4L * runs.length; }
    }
}
