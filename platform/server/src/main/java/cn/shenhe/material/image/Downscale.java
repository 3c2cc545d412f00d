package cn.shenhe.material.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Scales a {@link PackedBgr} picture down: to a longest side, or by a factor. Halves first while more
 * than twice too large, so each bilinear step averages neighbours and fine print does not alias.
 */
final class Downscale {

    private Downscale() {
    }

    /**
     * To at most {@code maxSide} on its longest side, keeping the proportions of the picture's full size
     * ({@code fullWidth} x {@code fullHeight}, of which {@code src} may be a slightly larger-rounded
     * reduction); the picture itself when it already fits.
     */
    static BufferedImage toLongSide(BufferedImage src, int fullWidth, int fullHeight, int maxSide) {
        int longSide = Math.max(fullWidth, fullHeight);
        if (longSide <= maxSide) return src;
        double factor = maxSide / (double) longSide;
        return to(src, Math.max(1, (int) Math.round(fullWidth * factor)), Math.max(1, (int) Math.round(fullHeight * factor)));
    }

    static BufferedImage by(BufferedImage src, double factor) {
        return to(src, Math.max(1, (int) Math.round(src.getWidth() * factor)), Math.max(1, (int) Math.round(src.getHeight() * factor)));
    }

    private static BufferedImage to(BufferedImage src, int targetW, int targetH) {
        BufferedImage current = src;
        while (current.getWidth() >= 2 * targetW && current.getHeight() >= 2 * targetH) {
            current = scaled(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == targetW && current.getHeight() == targetH ? current : scaled(current, targetW, targetH);
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
