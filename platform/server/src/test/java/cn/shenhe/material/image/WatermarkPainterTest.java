package cn.shenhe.material.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkPainterTest {

    private final WatermarkPainter painter = new WatermarkPainter(WatermarkFont.locate());
    private static final Watermark WATERMARK = ImagePipelineTest.WATERMARK;

    @Test
    void theMaskLooksAsTheJava2dDrawingDid() {
        for (int[] size : new int[][] {{1000, 750}, {750, 1000}, {640, 480}}) {
            BufferedImage viaMask = photo(size[0], size[1]);
            BufferedImage drawn = photo(size[0], size[1]);
            painter.paint(viaMask, WATERMARK);
            painter.drawDirectly(drawn, WATERMARK.text());
            int w = size[0], h = size[1];
            double mean = Jpegs.meanDiff(viaMask, drawn, 0, 0, w, h);
            double changed = Jpegs.changedFraction(viaMask, drawn, 0, 0, w, h, 3);
            assertTrue(mean < 0.2, "mean difference " + mean + " at " + w + "x" + h);
            assertTrue(changed < 0.001, "pixels off by more than 3 levels: " + changed + " at " + w + "x" + h);
            // and it is there at all: the painted picture differs from the plain one
            assertTrue(Jpegs.changedFraction(viaMask, photo(w, h), 0, 0, w, h, 16) > 0.02);
        }
    }

    @Test
    void aCachedMaskGivesTheSamePixels() {
        BufferedImage first = photo(800, 600), second = photo(800, 600);
        painter.paint(first, WATERMARK);
        painter.paint(second, WATERMARK);
        assertArrayEquals(pixels(first), pixels(second));
    }

    @Test
    void largePicturesAreDrawnDirectly() {
        BufferedImage big = photo(2400, 1800), drawn = photo(2400, 1800);
        assertTrue((long) big.getWidth() * big.getHeight() > WatermarkPainter.MASK_MAX_PIXELS);
        painter.paint(big, WATERMARK);
        painter.drawDirectly(drawn, WATERMARK.text());
        assertArrayEquals(pixels(drawn), pixels(big));
    }

    private static BufferedImage photo(int w, int h) {
        return ImageDecoder.toBgr(SampleImages.documentPhoto(w, h, 3, 42));
    }

    private static byte[] pixels(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }
}
