package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static cn.shenhe.material.image.Jpegs.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case through each codec (see {@link TestCodecs}). */
@ParameterizedClass(name = "{0}")
@MethodSource("cn.shenhe.material.image.TestCodecs#names")
class ImagePipelineTest {

    static final Watermark WATERMARK = Watermark.of("北京考区", "仅用于医师资格考试", "2026-11-26");
    static final UploadRules BIG = UploadRules.defaults().withMaxBytes(4_000_000);

    @Parameter
    String codec;

    ImagePipeline pipeline() { return TestCodecs.pipeline(codec); }

    @Test
    void sampleImagesHaveRealisticSizes() {
        int photo = SampleImages.photoJpeg().length;
        assertTrue(photo >= 130_000 && photo <= 170_000, "photo " + photo);
        int phone = SampleImages.phonePhotoJpeg(1).length;
        assertTrue(phone >= 1_200_000 && phone <= 1_800_000, "phone " + phone);
    }

    @Test
    void jpegHappyPath() throws Exception {
        byte[] original = SampleImages.photoJpeg();
        ProcessedImage out = pipeline().process(original, UploadRules.defaults(), WATERMARK);

        assertEquals(ImageFormat.JPEG, Formats.sniff(out.bytes()).orElseThrow());
        BufferedImage img = decode(out.bytes());
        assertEquals(1000, img.getWidth());
        assertEquals(750, img.getHeight());
        assertEquals(1000, out.width());
        assertEquals(750, out.height());
        assertEquals(ImageFormat.JPEG, out.originalFormat());
        assertEquals(original.length, out.originalBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)), out.originalSha256Hex());
        StageTimings t = out.timings();
        assertTrue(t.decodeNanos() > 0 && t.watermarkNanos() > 0 && t.encodeNanos() > 0, t.toString());
    }

    @Test
    void pngHappyPath() {
        ProcessedImage out = pipeline().process(SampleImages.png(640, 480, false), BIG, WATERMARK);
        assertEquals(ImageFormat.PNG, out.originalFormat());
        BufferedImage img = decode(out.bytes());
        assertEquals(List.of(640, 480), List.of(img.getWidth(), img.getHeight()));
        assertEquals(ImageFormat.JPEG, Formats.sniff(out.bytes()).orElseThrow());
    }

    @Test
    void pngAlphaIsFlattenedOntoWhite() {
        ProcessedImage out = pipeline().process(SampleImages.png(400, 300, true), UploadRules.defaults(), Watermark.NONE);
        BufferedImage img = decode(out.bytes());
        // the transparent border (x < 40) must become paper white, not black
        assertTrue(Jpegs.isWhite(img.getRGB(10, 150)), Integer.toHexString(img.getRGB(10, 150)));
        assertTrue(Jpegs.isWhite(img.getRGB(200, 5)));
        assertFalse(Jpegs.isWhite(img.getRGB(20, 295)) && Jpegs.isWhite(img.getRGB(200, 150)), "content kept");
    }

    @Test
    void streamVariantReadsAndTimesTheUpload() {
        byte[] original = SampleImages.photoJpeg();
        ProcessedImage out = pipeline().process(new ByteArrayInputStream(original), original.length, UploadRules.defaults(), WATERMARK);
        assertEquals(original.length, out.originalBytes());
        assertTrue(out.timings().readNanos() > 0);
    }

    @Test
    void watermarkIsTiledOverCornersAndCentre() {
        assertWatermarkEverywhere(SampleImages.photoJpeg(), UploadRules.defaults(), 100);
    }

    @Test
    void watermarkIsTiledOverALargePhoneImage() {
        assertWatermarkEverywhere(SampleImages.phonePhotoJpeg(1), BIG, 400);
    }

    private void assertWatermarkEverywhere(byte[] original, UploadRules rules, int region) {
        BufferedImage marked = decode(pipeline().process(original, rules, WATERMARK).bytes());
        BufferedImage plain = decode(pipeline().process(original, rules, Watermark.NONE).bytes());
        int w = marked.getWidth(), h = marked.getHeight();
        int[][] origins = {{0, 0}, {w - region, 0}, {0, h - region}, {w - region, h - region},
                {(w - region) / 2, (h - region) / 2}, {w / 4, h / 3}, {w * 2 / 3, h / 5}};
        for (int[] o : origins) {
            double changed = Jpegs.changedFraction(marked, plain, o[0], o[1], region, region, 16);
            double mean = Jpegs.meanDiff(marked, plain, o[0], o[1], region, region);
            // visible: strokes change a clear share of pixels in every region (measured: 5–12 %) ...
            assertTrue(changed > 0.02, "no watermark near " + Arrays.toString(o) + ": " + changed);
            // ... but translucent and sparse: the document must stay legible (measured: mean 2–5 levels)
            assertTrue(mean < 20, "watermark too heavy near " + Arrays.toString(o) + ": " + mean);
        }
    }

    @Test
    void watermarkFontScalesWithTheImage() {
        int small = WatermarkPainter.fontSize(1000, 750);
        int large = WatermarkPainter.fontSize(4000, 3000);
        assertTrue(small >= 24 && small <= 48, "1000x750 -> " + small);
        assertTrue(large >= 100 && large <= 200, "4000x3000 -> " + large);
        assertEquals(12, WatermarkPainter.fontSize(120, 90), "never unreadably small");
        assertEquals(0, large % 4, "bucketed");
    }

    /** Stored top-left is red, stored top-right blue; where must they end up after rotation? */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsBakedIn(int orientation) {
        String[] expected = {null, "TL TR", "TR TL", "BR BL", "BL BR", "TL BL", "TR BR", "BR TR", "BL TL"};
        byte[] stored = SampleImages.jpeg(SampleImages.markerImage(400, 300, 60), 0.9f);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ProcessedImage out = pipeline().process(SampleImages.withExif(stored, orientation, order, true),
                    UploadRules.defaults(), Watermark.NONE);
            BufferedImage img = decode(out.bytes());
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 300 : 400, img.getWidth());
            assertEquals(swapped ? 400 : 300, img.getHeight());
            assertEquals(img.getWidth(), out.width());
            String[] corners = expected[orientation].split(" ");
            assertTrue(Jpegs.isRed(corner(img, corners[0])), orientation + ": red expected " + corners[0]);
            assertTrue(Jpegs.isBlue(corner(img, corners[1])), orientation + ": blue expected " + corners[1]);
            for (String c : List.of("TL", "TR", "BL", "BR")) {
                if (!c.equals(corners[0]) && !c.equals(corners[1])) assertTrue(Jpegs.isWhite(corner(img, c)), orientation + " " + c);
            }
        }
    }

    private static int corner(BufferedImage img, String which) {
        int x = which.charAt(1) == 'L' ? 30 : img.getWidth() - 30;
        int y = which.charAt(0) == 'T' ? 30 : img.getHeight() - 30;
        return img.getRGB(x, y);
    }

    @Test
    void phonePhotoIsRotatedAndStrippedOfExifAndGps() {
        byte[] phone = SampleImages.phonePhotoJpeg(6);
        assertTrue(Jpegs.contains(phone, "Exif"));
        ProcessedImage out = pipeline().process(phone, BIG, WATERMARK);
        // upright (3000x4000), then scaled to the stored long side
        assertEquals(List.of(1800, 2400), List.of(out.width(), out.height()));
        BufferedImage img = decode(out.bytes());
        assertEquals(List.of(1800, 2400), List.of(img.getWidth(), img.getHeight()));
        assertNoMetadata(out.bytes());
    }

    @Test
    void largePicturesAreStoredAtTheStoredSide() {
        byte[] scan = SampleImages.encode(SampleImages.markerImage(3000, 2000, 300), "png");
        ProcessedImage out = pipeline().process(scan, BIG, WATERMARK);
        assertEquals(List.of(2400, 1600), List.of(out.width(), out.height()));
        BufferedImage img = decode(out.bytes());
        assertTrue(Jpegs.isRed(img.getRGB(100, 100)) && Jpegs.isBlue(img.getRGB(2300, 100)), "the picture, scaled");
        ProcessedImage smaller = pipeline().process(SampleImages.photoJpeg(), UploadRules.defaults().withStoredSide(800), WATERMARK);
        assertEquals(List.of(800, 600), List.of(smaller.width(), smaller.height()));
        ProcessedImage asIs = pipeline().process(SampleImages.photoJpeg(), UploadRules.defaults().withStoredSide(1000), WATERMARK);
        assertEquals(List.of(1000, 750), List.of(asIs.width(), asIs.height()));
    }

    @Test
    void theStoredPictureIsNeverLargerThanTheCandidatesLimit() {
        // a noisy photo sent at exactly the limit: re-encoded at quality 85 with a watermark it would not fit
        byte[] noisy = SampleImages.jpeg(SampleImages.documentPhoto(1000, 750, 24, 3), 0.75f);
        UploadRules atTheLimit = UploadRules.defaults().withMaxBytes(noisy.length);
        ProcessedImage out = pipeline().process(noisy, atTheLimit, WATERMARK);
        assertTrue(out.bytes().length <= noisy.length, out.bytes().length + " > " + noisy.length);
        assertEquals(List.of(1000, 750), List.of(out.width(), out.height()), "a lower quality was enough");
        // sent at a low quality: no quality we store at fits at this size, so the picture is stored smaller
        byte[] coarse = SampleImages.jpeg(SampleImages.documentPhoto(1000, 750, 24, 3), 0.3f);
        ProcessedImage tight = pipeline().process(coarse, UploadRules.defaults().withMaxBytes(coarse.length), WATERMARK);
        assertTrue(tight.bytes().length <= coarse.length, tight.bytes().length + " > " + coarse.length);
        assertTrue(tight.width() < 1000, "scaled: " + tight.width());
        assertEquals(tight.width(), decode(tight.bytes()).getWidth());
    }

    @Test
    void trailingBytesAreNotCarriedOver() {
        byte[] photo = SampleImages.withExif(SampleImages.photoJpeg(), 3, ByteOrder.LITTLE_ENDIAN, true);
        byte[] tail = "PK\u0003\u0004 a hidden zip or script after EOI".getBytes(StandardCharsets.ISO_8859_1);
        byte[] withTail = Arrays.copyOf(photo, photo.length + tail.length);
        System.arraycopy(tail, 0, withTail, photo.length, tail.length);

        ProcessedImage out = pipeline().process(withTail, UploadRules.defaults(), WATERMARK);
        assertNoMetadata(out.bytes());
        assertFalse(Jpegs.contains(out.bytes(), "hidden zip"));
    }

    private static void assertNoMetadata(byte[] jpeg) {
        assertTrue(Jpegs.endsWithEoi(jpeg), "nothing may follow FFD9");
        List<Integer> markers = Jpegs.headerMarkers(jpeg);
        assertFalse(markers.contains(0xE1), "no APP1 (Exif/XMP): " + markers);
        assertFalse(Jpegs.contains(jpeg, "Exif"), "no Exif bytes");
        assertFalse(Jpegs.contains(jpeg, "GPS"), "no GPS");
        for (int m : markers) assertFalse(m >= 0xE1 && m <= 0xEF || m == 0xFE, "APPn/COM segment " + Integer.toHexString(m));
        int eoi = -1;
        for (int i = jpeg.length - 2; i >= 0; i--) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xD9) { eoi = i; break; }
        }
        assertEquals(jpeg.length - 2, eoi);
    }

    @Test
    void cmykJpegDecodes() {
        byte[] cmyk = SampleImages.cmykJpeg(200, 100);
        assertEquals(List.of(0xEE, 0xDB), Jpegs.headerMarkers(cmyk).subList(0, 2), "Adobe APP14 present");
        assertTrue(ImageIoCodec.hasTwelveMonkeysJpegReader(), "TwelveMonkeys JPEG reader registered");
        ProcessedImage out = pipeline().process(cmyk, UploadRules.defaults(), Watermark.NONE);
        BufferedImage img = decode(out.bytes());
        int cyan = img.getRGB(50, 50), paper = img.getRGB(150, 50);
        assertTrue(Jpegs.r(cyan) < 80 && Jpegs.g(cyan) > 120 && Jpegs.b(cyan) > 180, "cyan ink: " + Integer.toHexString(cyan));
        assertTrue(Jpegs.isWhite(paper), "no ink: " + Integer.toHexString(paper));
    }

    @Test
    void outputIsDeterministic() {
        byte[] a = pipeline().process(SampleImages.photoJpeg(), UploadRules.defaults(), WATERMARK).bytes();
        byte[] b = pipeline().process(SampleImages.photoJpeg(), UploadRules.defaults(), WATERMARK).bytes();
        assertArrayEquals(a, b);
    }

    @Test
    void benignColourWarningsAreNotDamage() {
        assertTrue(ImageIoCodec.isBenignWarning("No embedded ICC color profile, will convert using inaccurate CMYK to RGB conversion. Colors may look incorrect."));
        assertFalse(ImageIoCodec.isBenignWarning("Corrupt JPEG data: premature end of data segment"));
        assertFalse(ImageIoCodec.isBenignWarning("Truncated File - Missing EOI marker"));
        assertFalse(ImageIoCodec.isBenignWarning(null));
    }
}
