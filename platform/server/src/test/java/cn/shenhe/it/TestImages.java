package cn.shenhe.it;

import cn.shenhe.material.image.SampleImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/** Pictures for the integration tests, made by the pipeline tests' {@link SampleImages}. */
public final class TestImages {

    private TestImages() {
    }

    /** A document photo; at 1000x750 its JPEG is about 150 KB, as a shrunk phone photo would be. */
    public static BufferedImage photo(int w, int h, long seed) {
        return SampleImages.documentPhoto(w, h, 3, seed);
    }

    public static byte[] jpeg(BufferedImage img, float quality) {
        return SampleImages.jpeg(img, quality);
    }

    public static byte[] jpeg(int w, int h) {
        return jpeg(photo(w, h, w * 31L + h), 0.85f);
    }

    /** A scan-like PNG (flat colours, text, a transparent margin): small, as scans are. */
    public static byte[] png(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(w / 20, h / 20, w - w / 10, h - h / 10);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(12, h / 25)));
        for (int y = h / 6; y < h - h / 10; y += h / 12) {
            g.drawString("DIPLOMA  Clinical Medicine  2015-2020  No. 1003" + y, w / 10, y);
        }
        g.dispose();
        return SampleImages.encode(img, "png");
    }

    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        return SampleImages.withExif(jpeg, orientation, ByteOrder.BIG_ENDIAN, true);
    }

    /** A tiny, valid PNG whose header claims 30000x30000 pixels. */
    public static byte[] pixelBombPng() {
        return SampleImages.pngBomb(30_000, 30_000);
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the JPEG carries an APP1 "Exif" segment before its image data. */
    public static boolean hasExif(byte[] jpeg) {
        for (int i = 2; i + 10 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return false;
            }
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xE1
                    && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                return true;
            }
        }
        return false;
    }
}
