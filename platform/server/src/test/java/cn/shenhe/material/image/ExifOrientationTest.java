package cn.shenhe.material.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExifOrientationTest {

    private static final byte[] PLAIN = SampleImages.jpeg(SampleImages.markerImage(40, 30, 6), 0.8f);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsEveryOrientationInBothByteOrders(int orientation) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (boolean gps : new boolean[] {false, true}) {
                assertEquals(orientation, ExifOrientation.read(SampleImages.withExif(PLAIN, orientation, order, gps)),
                        order + " gps=" + gps);
            }
        }
    }

    @Test
    void findsExifAfterJfifApp0() {
        // cameras that write both put JFIF APP0 first, Exif APP1 second
        byte[] app0 = Arrays.copyOfRange(PLAIN, 2, 2 + 2 + (((PLAIN[4] & 0xFF) << 8) | (PLAIN[5] & 0xFF)));
        byte[] withExif = SampleImages.withExif(PLAIN, 8, ByteOrder.BIG_ENDIAN, true);
        assertEquals(8, ExifOrientation.read(SampleImages.withApp1(withExif, app0)));
    }

    @Test
    void defaultsToOneWhenAbsentOrMalformed() {
        assertEquals(1, ExifOrientation.read(PLAIN));
        assertEquals(1, ExifOrientation.read(new byte[0]));
        assertEquals(1, ExifOrientation.read(SampleImages.png(20, 10, false)));
        assertEquals(1, ExifOrientation.read(SampleImages.withExif(PLAIN, 9, ByteOrder.BIG_ENDIAN, false)), "out of range");
        assertEquals(1, ExifOrientation.read(SampleImages.withExif(PLAIN, 0, ByteOrder.BIG_ENDIAN, false)), "out of range");

        byte[] app1 = SampleImages.exifApp1(6, ByteOrder.BIG_ENDIAN, false);
        byte[] badMagic = app1.clone();
        badMagic[10 + 3] = 43;                                  // TIFF magic 42 -> 43
        assertEquals(1, ExifOrientation.read(SampleImages.withApp1(PLAIN, badMagic)));
        byte[] badIfd = app1.clone();
        badIfd[10 + 7] = (byte) 0xF0;                           // IFD0 offset beyond the segment
        assertEquals(1, ExifOrientation.read(SampleImages.withApp1(PLAIN, badIfd)));
        byte[] notExif = app1.clone();
        notExif[4] = 'X';                                       // e.g. an XMP APP1
        assertEquals(1, ExifOrientation.read(SampleImages.withApp1(PLAIN, notExif)));
        byte[] hugeLength = app1.clone();
        hugeLength[2] = (byte) 0xFF;                            // segment length past end of file
        assertEquals(1, ExifOrientation.read(SampleImages.withApp1(Arrays.copyOf(PLAIN, 10), hugeLength)));
    }

    @Test
    void neverThrowsOnAnyTruncation() {
        byte[] full = SampleImages.withExif(PLAIN, 6, ByteOrder.LITTLE_ENDIAN, true);
        int segmentEnd = 2 + SampleImages.exifApp1(6, ByteOrder.LITTLE_ENDIAN, true).length;
        for (int n = 0; n < 200; n++) {
            int o = ExifOrientation.read(Arrays.copyOf(full, n));
            assertEquals(n >= segmentEnd ? 6 : 1, o, "cut at " + n);
        }
    }

    // Stored 3×2 pixels   a b c
    //                     d e f
    private static final int A = 1, B = 2, C = 3, D = 4, E = 5, F = 6;

    @Test
    void appliesAllEightOrientationsExactly() {
        expect(1, 3, new int[] {A, B, C, D, E, F});
        expect(2, 3, new int[] {C, B, A, F, E, D});
        expect(3, 3, new int[] {F, E, D, C, B, A});
        expect(4, 3, new int[] {D, E, F, A, B, C});
        expect(5, 2, new int[] {A, D, B, E, C, F});
        expect(6, 2, new int[] {D, A, E, B, F, C});   // 90° clockwise
        expect(7, 2, new int[] {F, C, E, B, D, A});
        expect(8, 2, new int[] {C, F, B, E, A, D});   // 90° counter-clockwise
    }

    @Test
    void orientationOneReturnsTheSameImage() {
        BufferedImage img = stored();
        assertSame(img, ExifOrientation.apply(img, 1));
    }

    private static BufferedImage stored() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(0, 0, 3, 2, new int[] {A, B, C, D, E, F}, 0, 3);
        return img;
    }

    private static void expect(int orientation, int width, int[] pixels) {
        BufferedImage out = ExifOrientation.apply(stored(), orientation);
        int height = pixels.length / width;
        assertEquals(width, out.getWidth(), "width for " + orientation);
        assertEquals(height, out.getHeight(), "height for " + orientation);
        int[] actual = out.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < actual.length; i++) {
            actual[i] &= 0xFFFFFF;   // getRGB adds an opaque alpha
        }
        assertArrayEquals(pixels, actual, "orientation " + orientation);
    }
}
