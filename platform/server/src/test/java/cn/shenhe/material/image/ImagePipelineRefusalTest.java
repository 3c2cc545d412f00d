package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import cn.shenhe.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hostile or broken file through each codec (see {@link TestCodecs}). */
@ParameterizedClass(name = "{0}")
@MethodSource("cn.shenhe.material.image.TestCodecs#names")
class ImagePipelineRefusalTest {

    static final UploadRules RULES = UploadRules.defaults();
    static final Watermark WATERMARK = ImagePipelineTest.WATERMARK;

    @Parameter
    String codec;

    ImagePipeline pipeline() { return TestCodecs.pipeline(codec); }

    static ProblemException refused(int status, String code, Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.status());
        assertFalse(e.messageZh().isBlank());
        assertFalse(e.messageEn().isBlank());
        return e;
    }

    ProblemException refused(int status, String code, byte[] upload, UploadRules rules) {
        return refused(status, code, () -> pipeline().process(upload, rules, WATERMARK));
    }

    /** Yields {@code size} bytes and counts how many were taken. */
    static final class CountingStream extends InputStream {
        final long size;
        long read;

        CountingStream(long size) { this.size = size; }

        @Override public int read() {
            if (read >= size) return -1;
            read++;
            return 0x42;
        }

        @Override public int read(byte[] b, int off, int len) {
            if (read >= size) return -1;
            int n = (int) Math.min(len, size - read);
            Arrays.fill(b, off, off + n, (byte) 0x42);
            read += n;
            return n;
        }
    }

    @Test
    void tooLargeStreamIsReadOnlyToTheLimit() {
        CountingStream tenMegabytes = new CountingStream(10L * 1024 * 1024);
        ProblemException e = refused(413, ImageProblems.FILE_TOO_LARGE, () -> pipeline().readBounded(tenMegabytes, -1, 204_800));
        assertTrue(tenMegabytes.read <= 204_801, "read " + tenMegabytes.read);
        assertEquals(204_800L, e.details().get("maxBytes"));
        assertEquals("图片不能超过 200 KB，请压缩后重新上传", e.messageZh());
    }

    @Test
    void declaredTooLargeIsRefusedWithoutReading() {
        CountingStream body = new CountingStream(300_000);
        refused(413, ImageProblems.FILE_TOO_LARGE, () -> pipeline().readBounded(body, 300_000, 204_800));
        assertEquals(0, body.read);
        refused(413, ImageProblems.FILE_TOO_LARGE, () -> pipeline().process(body, 300_000, RULES, WATERMARK));
        assertEquals(0, body.read);
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        assertEquals(204_800, pipeline().readBounded(new CountingStream(204_800), -1, 204_800).length);
        assertEquals(204_800, pipeline().readBounded(new CountingStream(204_800), 204_800, 204_800).length);
        // a lying Content-Length does not help either
        refused(413, ImageProblems.FILE_TOO_LARGE, () -> pipeline().readBounded(new CountingStream(204_801), 1000, 204_800));
    }

    @Test
    void tooLargeBytesAreRefused() {
        refused(413, ImageProblems.FILE_TOO_LARGE, SampleImages.phonePhotoJpeg(1), RULES);
    }

    @Test
    void emptyFile() {
        refused(400, ImageProblems.EMPTY_FILE, new byte[0], RULES);
    }

    @Test
    void textFileNamedJpg() {
        byte[] text = "姓名: 张伟\nThis is not a photo, just a .jpg name.\n".getBytes(StandardCharsets.UTF_8);
        ProblemException e = refused(415, ImageProblems.FORMAT_NOT_ACCEPTED, text, RULES);
        assertEquals(List.of("image/jpeg", "image/png"), e.details().get("accepted"));
        assertEquals("只能上传 JPG 或 PNG 格式的图片，请重新选择", e.messageZh());
    }

    @Test
    void gif() {
        byte[] gif = SampleImages.encode(SampleImages.markerImage(50, 40, 5), "gif");
        assertTrue(new String(gif, 0, 6, StandardCharsets.US_ASCII).startsWith("GIF8"));
        refused(415, ImageProblems.FORMAT_NOT_ACCEPTED, gif, RULES);
    }

    @Test
    void pngWhenOnlyJpegIsAccepted() {
        ProblemException e = refused(415, ImageProblems.FORMAT_NOT_ACCEPTED, SampleImages.png(50, 40, false),
                RULES.withAccepted(Set.of(ImageFormat.JPEG)));
        assertEquals("只能上传 JPG 格式的图片，请重新选择", e.messageZh());
    }

    @Test
    void pngPixelBombIsRefusedFromTheHeader() {
        byte[] bomb = SampleImages.pngBomb(30_000, 30_000);
        assertTrue(bomb.length < 2_000, "bomb is tiny: " + bomb.length);
        ProblemException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, bomb, RULES));
        assertEquals(30_000, e.details().get("width"));
    }

    @Test
    void pixelLimitAndSideLimit() {
        // 8000×6000 = 48 MP > 40 MP; 25000×10 has few pixels but an absurd side
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, SampleImages.pngBomb(8000, 6000), RULES);
            refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, SampleImages.pngBomb(25_000, 10), RULES);
            refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, SampleImages.jpegBomb(30_000, 30_000), RULES);
        });
        refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, SampleImages.png(400, 300, false), RULES.withMaxPixels(100_000));
        // a small file that once cost seconds of CPU and most of the heap: 40 MP, over what any phone takes (16 MP)
        refused(422, ImageProblems.DIMENSIONS_TOO_LARGE, SampleImages.pngBomb(6300, 6300), RULES);
    }

    @Test
    void truncatedJpegIsUnreadable() {
        byte[] photo = SampleImages.photoJpeg();
        refused(422, ImageProblems.UNREADABLE, Arrays.copyOf(photo, photo.length / 2), RULES);
        refused(422, ImageProblems.UNREADABLE, Arrays.copyOf(photo, photo.length - 2), RULES);   // only EOI missing
        refused(422, ImageProblems.UNREADABLE, Arrays.copyOf(photo, 300), RULES);                // header only
    }

    @Test
    void truncatedPngIsUnreadable() {
        byte[] png = SampleImages.png(300, 200, false);
        refused(422, ImageProblems.UNREADABLE, Arrays.copyOf(png, png.length / 2), RULES);
    }

    @Test
    void garbageAfterMagicIsUnreadable() {
        byte[] garbage = new byte[5000];
        new Random(1).nextBytes(garbage);
        byte[] jpeg = garbage.clone();
        jpeg[0] = (byte) 0xFF; jpeg[1] = (byte) 0xD8; jpeg[2] = (byte) 0xFF;
        refused(422, ImageProblems.UNREADABLE, jpeg, RULES);
        byte[] png = garbage.clone();
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
        refused(422, ImageProblems.UNREADABLE, png, RULES);
        refused(422, ImageProblems.UNREADABLE, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, RULES);
    }

    @Test
    void corruptScanDataIsUnreadable() {
        byte[] photo = SampleImages.photoJpeg().clone();
        Random r = new Random(3);
        for (int i = photo.length / 3; i < photo.length * 2 / 3; i += 97) photo[i] = (byte) r.nextInt();
        refused(422, ImageProblems.UNREADABLE, photo, RULES);
    }

    @Test
    void decodeTimeoutIsAServiceProblem() throws Exception {
        try (ImagePipeline impatient = new ImagePipeline(TestCodecs.codec(codec), WatermarkFont.locate(), Duration.ofMillis(1), 1)) {
            byte[] phone = SampleImages.phonePhotoJpeg(1);
            refused(503, ImageProblems.TIMEOUT, () -> impatient.process(phone, RULES.withMaxBytes(4_000_000), WATERMARK));
            long t0 = System.nanoTime();
            while (impatient.busyWorkers() > 0 && System.nanoTime() - t0 < 10_000_000_000L) Thread.onSpinWait();
            assertEquals(0, impatient.busyWorkers(), "abandoned decode must stop");
            System.err.println("abandoned decode stopped after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    @Test
    void sniffIsByMagicBytesOnly() {
        assertEquals(ImageFormat.JPEG, Formats.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}).orElseThrow());
        assertEquals(ImageFormat.PNG, Formats.sniff(SampleImages.png(4, 4, false)).orElseThrow());
        assertTrue(Formats.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}).isEmpty());
        assertTrue(Formats.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(Formats.sniff(new byte[0]).isEmpty());
        assertArrayEquals(new String[] {"image/jpeg", "image/png"},
                Arrays.stream(ImageFormat.values()).map(ImageFormat::mediaType).toArray(String[]::new));
    }
}
