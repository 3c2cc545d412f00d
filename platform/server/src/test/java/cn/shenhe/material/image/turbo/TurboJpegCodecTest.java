package cn.shenhe.material.image.turbo;

import cn.shenhe.material.image.ImageIoCodec;
import cn.shenhe.material.image.JpegHeader;
import cn.shenhe.material.image.SampleImages;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libjpeg-turbo against ImageIO on the same pictures, and what a native library must never do. */
class TurboJpegCodecTest {

    static final TurboJpegCodec NATIVE = TurboJpegCodec.load(null);
    static final ImageIoCodec IMAGEIO = ImageIoCodec.INSTANCE;

    static Map<String, byte[]> pictures() {
        Map<String, byte[]> p = new LinkedHashMap<>();
        p.put("photo 1000x750", SampleImages.photoJpeg());
        p.put("phone 4000x3000 with Exif", SampleImages.phonePhotoJpeg(6));
        p.put("progressive 1280x960", SampleImages.jpeg(SampleImages.documentPhoto(1280, 960, 3, 3), 0.85f, true));
        p.put("grey 640x480", SampleImages.greyJpeg(640, 480));
        p.put("odd size 333x251", SampleImages.jpeg(SampleImages.documentPhoto(333, 251, 3, 9), 0.9f));
        return p;
    }

    @Test
    void decodesAsImageIoDoes() {
        pictures().forEach((name, jpeg) -> {
            JpegHeader header = JpegHeader.read(jpeg).orElseThrow();
            BufferedImage ours = NATIVE.decode(jpeg, header, 0).orElseThrow(() -> new AssertionError(name + " declined"));
            BufferedImage theirs = IMAGEIO.decode(jpeg, header, 0).orElseThrow();
            double psnr = psnr(theirs, ours);
            System.err.printf("decode %s: PSNR %.1f dB against ImageIO%n", name, psnr);
            assertTrue(psnr >= 40, name + ": PSNR " + psnr);
        });
    }

    @Test
    void encodesAsWellAsImageIo() {
        BufferedImage source = IMAGEIO.decode(SampleImages.photoJpeg(), JpegHeader.read(SampleImages.photoJpeg()).orElseThrow(), 0).orElseThrow();
        byte[] ours = NATIVE.encode(source, 85), theirs = IMAGEIO.encode(source, 85);
        double psnrOurs = psnr(source, decodeWithImageIo(ours)), psnrTheirs = psnr(source, decodeWithImageIo(theirs));
        System.err.printf("encode q85: native %d bytes %.2f dB, ImageIO %d bytes %.2f dB%n", ours.length, psnrOurs, theirs.length, psnrTheirs);
        assertTrue(Math.abs(psnrOurs - psnrTheirs) < 0.5, "quality differs: " + psnrOurs + " vs " + psnrTheirs);
        assertTrue(Math.abs(ours.length - theirs.length) < theirs.length / 10, "size differs: " + ours.length + " vs " + theirs.length);
        // what the stored picture must look like: baseline, JFIF only, nothing after EOI
        assertEquals(new JpegHeader(1000, 750, 3, false), JpegHeader.read(ours).orElseThrow());
        assertEquals(0xE0, ours[3] & 0xFF, "JFIF APP0 first");
        assertEquals(0xD9, ours[ours.length - 1] & 0xFF);
    }

    @Test
    void aPictureStoredSmallerIsDecodedSmaller() {
        byte[] phone = SampleImages.phonePhotoJpeg(1);
        JpegHeader header = JpegHeader.read(phone).orElseThrow();
        BufferedImage fiveEighths = NATIVE.decode(phone, header, 2400).orElseThrow();
        assertEquals(2500, fiveEighths.getWidth());
        assertEquals(1875, fiveEighths.getHeight());
        BufferedImage full = NATIVE.decode(phone, header, 0).orElseThrow();
        assertEquals(4000, full.getWidth());
        // the same picture: the scaled decode's pixel matches the full one's block average
        int x = 1250, y = 900;
        int scaled = fiveEighths.getRGB(x, y) & 0xFF, original = full.getRGB(x * 8 / 5, y * 8 / 5) & 0xFF;
        assertTrue(Math.abs(scaled - original) < 40, scaled + " vs " + original);
        assertEquals(8, TurboJpegCodec.eighths(1000, 2400));
        assertEquals(8, TurboJpegCodec.eighths(2400, 2400));
        assertEquals(7, TurboJpegCodec.eighths(2500, 2100));
        assertEquals(1, TurboJpegCodec.eighths(16000, 800));
        assertEquals(3, TurboJpegCodec.scaled(17, 1));
    }

    @Test
    void cmykIsLeftToImageIo() {
        byte[] cmyk = SampleImages.cmykJpeg(200, 100);
        assertEquals(Optional.empty(), NATIVE.decode(cmyk, JpegHeader.read(cmyk).orElseThrow(), 0));
    }

    @Test
    void damagedFilesAreDeclinedNotCrashed() {
        byte[] photo = SampleImages.jpeg(SampleImages.documentPhoto(400, 300, 3, 5), 0.9f);
        JpegHeader header = JpegHeader.read(photo).orElseThrow();
        for (byte[] damaged : new byte[][] {Arrays.copyOf(photo, photo.length / 2), Arrays.copyOf(photo, photo.length - 2), scrambled(photo, 3)}) {
            assertEquals(Optional.empty(), NATIVE.decode(damaged, header, 0));
        }
        // a random mutation of the header or the data: decoded or declined, the JVM never dies
        Random r = new Random(17);
        int declined = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] mutant = photo.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) mutant[2 + r.nextInt(Math.min(mutant.length - 2, i % 2 == 0 ? 700 : mutant.length))] = (byte) r.nextInt();
            Optional<JpegHeader> h = JpegHeader.read(mutant);
            if (h.isEmpty() || (long) h.get().width() * h.get().height() > 4_000_000) continue;
            if (NATIVE.decode(mutant, h.get(), 0).isEmpty()) declined++;
        }
        System.err.println("fuzz: " + declined + " of 2000 mutants declined");
        assertTrue(declined > 100, "mutants declined: " + declined);
    }

    @Test
    void tenThousandPicturesLeaveNoNativeMemoryBehind() throws IOException {
        byte[] photo = SampleImages.jpeg(SampleImages.documentPhoto(400, 300, 3, 5), 0.9f);
        JpegHeader header = JpegHeader.read(photo).orElseThrow();
        for (int i = 0; i < 1_000; i++) NATIVE.encode(NATIVE.decode(photo, header, 0).orElseThrow(), 85);   // warm-up
        long rss0 = rssBytes(), heap0 = committedHeap();
        for (int i = 0; i < 10_000; i++) NATIVE.encode(NATIVE.decode(photo, header, 0).orElseThrow(), 85);
        long rss1 = rssBytes(), heap1 = committedHeap();
        long nativeGrowth = (rss1 - rss0) - Math.max(0, heap1 - heap0);
        System.err.printf("10,000 decodes + encodes: RSS %+d MB, committed heap %+d MB%n", (rss1 - rss0) >> 20, (heap1 - heap0) >> 20);
        // a leak of the decoded pixels alone would be 10,000 x 360 KB = 3.4 GB
        assertTrue(nativeGrowth < (64 << 20), "RSS grew by " + (nativeGrowth >> 20) + " MB beyond the heap");
    }

    @Test
    void aMissingLibraryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TurboJpegCodec.load("libturbojpeg-not-there.so.9"));
        assertTrue(e.getMessage().contains("libturbojpeg-not-there"), e.getMessage());
    }

    private static byte[] scrambled(byte[] jpeg, long seed) {
        byte[] b = jpeg.clone();
        Random r = new Random(seed);
        for (int i = b.length / 3; i < b.length * 2 / 3; i += 97) b[i] = (byte) r.nextInt();
        return b;
    }

    private static BufferedImage decodeWithImageIo(byte[] jpeg) {
        return IMAGEIO.decode(jpeg, JpegHeader.read(jpeg).orElseThrow(), 0).orElseThrow();
    }

    /** Peak signal-to-noise ratio over the three channels, in dB. */
    static double psnr(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }

    private static long rssBytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
