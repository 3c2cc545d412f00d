package cn.shenhe.material.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegHeaderTest {

    @Test
    void readsTheFrameHeaderPastExifAndTables() {
        assertEquals(new JpegHeader(1000, 750, 3, false), JpegHeader.read(SampleImages.photoJpeg()).orElseThrow());
        assertEquals(new JpegHeader(4000, 3000, 3, false), JpegHeader.read(SampleImages.phonePhotoJpeg(6)).orElseThrow());
        assertEquals(new JpegHeader(320, 240, 3, true),
                JpegHeader.read(SampleImages.jpeg(SampleImages.documentPhoto(320, 240, 2, 1), 0.8f, true)).orElseThrow());
        assertEquals(1, JpegHeader.read(SampleImages.greyJpeg(64, 48)).orElseThrow().components());
        assertEquals(4, JpegHeader.read(SampleImages.cmykJpeg(200, 100)).orElseThrow().components());
    }

    @Test
    void aBombIsMeasuredWithoutDecoding() {
        assertEquals(new JpegHeader(30_000, 30_000, 3, false), JpegHeader.read(SampleImages.jpegBomb(30_000, 30_000)).orElseThrow());
    }

    @Test
    void noFrameHeaderIsEmpty() {
        byte[] photo = SampleImages.photoJpeg();
        assertEquals(Optional.empty(), JpegHeader.read(new byte[0]));
        assertEquals(Optional.empty(), JpegHeader.read(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
        assertEquals(Optional.empty(), JpegHeader.read(Arrays.copyOf(photo, 20)));     // cut inside the header
        byte[] lengthPastTheEnd = Arrays.copyOf(photo, 8);
        lengthPastTheEnd[4] = 0x7F;
        assertEquals(Optional.empty(), JpegHeader.read(lengthPastTheEnd));
        byte[] png = SampleImages.png(4, 4, false);
        assertEquals(Optional.empty(), JpegHeader.read(png));
    }

    @Test
    void heightGivenLaterByDnlIsRefused() {
        byte[] photo = SampleImages.photoJpeg().clone();
        int sof = sofOffset(photo);
        photo[sof + 5] = 0;
        photo[sof + 6] = 0;
        assertTrue(JpegHeader.read(photo).isEmpty());
    }

    static int sofOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) return i;
        }
        throw new AssertionError("no SOF0");
    }
}
