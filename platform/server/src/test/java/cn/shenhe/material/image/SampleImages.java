package cn.shenhe.material.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deterministic, realistic test images generated in code (no binary fixtures). Reusable from
 * integration tests: {@link #photoJpeg()} is a ~150 KB 1000×750 document photo,
 * {@link #phonePhotoJpeg(int)} a ~1.5 MB 4000×3000 phone picture with Exif orientation and GPS.
 */
public final class SampleImages {

    private SampleImages() {}

    private static volatile byte[] photo;

    /** 1000×750 document photo, quality 0.9, 130–170 KB. Cached: callers must not modify it. */
    public static byte[] photoJpeg() {
        byte[] p = photo;
        if (p == null) photo = p = jpeg(documentPhoto(1000, 750, 3, 42), 0.9f);
        return p;
    }

    /** 4000×3000 "phone photo", ~1.5 MB, with an Exif APP1 (orientation, GPS position) and no JFIF. */
    public static byte[] phonePhotoJpeg(int orientation) {
        return withExif(jpeg(documentPhoto(4000, 3000, 3, 7), 0.9f), orientation, ByteOrder.BIG_ENDIAN, true);
    }

    /**
     * A sheet of paper with printed text on a desk: smooth lighting gradients, a few blurry blobs,
     * sensor noise of ±{@code noise} levels. Noise mostly decides the JPEG size.
     */
    public static BufferedImage documentPhoto(int w, int h, int noise, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(96, 72, 52), w, h, new Color(150, 118, 88)));
        g.fillRect(0, 0, w, h);                                       // wooden desk
        int px = w / 10, py = h / 12, pw = w * 8 / 10, ph = h * 10 / 12;
        g.setPaint(new java.awt.GradientPaint(px, py, new Color(246, 244, 236), px + pw, py + ph, new Color(206, 204, 198)));
        g.fillRect(px, py, pw, ph);                                   // paper under uneven light
        g.setColor(new Color(30, 30, 40));
        int fontSize = Math.max(10, h / 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        Random r = new Random(seed);
        for (int y = py + 2 * fontSize; y < py + ph - fontSize; y += fontSize * 5 / 2) {
            StringBuilder line = new StringBuilder();
            while (line.length() < 40) line.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            g.drawString(line.toString(), px + fontSize, y);
        }
        g.setColor(new Color(200, 30, 30, 160));                      // an official red stamp
        g.setStroke(new java.awt.BasicStroke(Math.max(2, w / 300f)));
        g.drawOval(px + pw * 2 / 3, py + ph * 2 / 3, pw / 5, pw / 5);
        g.dispose();

        int[] px32 = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px32.length; i++) {
            int n = r.nextInt(2 * noise + 1) - noise;
            int c = px32[i];
            px32[i] = clamp(((c >> 16) & 0xFF) + n) << 16 | clamp(((c >> 8) & 0xFF) + n) << 8 | clamp((c & 0xFF) + n);
        }
        return img;
    }

    private static final String[] WORDS = {"Name", "ZHANG", "Wei", "ID", "110101199003071234", "Exam",
            "Medical", "Licence", "Beijing", "2026-11-26", "Seat", "0423", "Registration", "No.", "A-7731"};

    private static int clamp(int v) { return v < 0 ? 0 : Math.min(255, v); }

    public static byte[] jpeg(BufferedImage img, float quality) {
        return jpeg(img, quality, false);
    }

    /** Progressive when asked: the scans a phone's gallery app or a web tool may produce. */
    public static byte[] jpeg(BufferedImage img, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            if (progressive) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The document photo in shades of grey, as a one-component JPEG. */
    public static byte[] greyJpeg(int w, int h) {
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(documentPhoto(w, h, 3, 11), 0, 0, null);
        g.dispose();
        return jpeg(grey, 0.9f);
    }

    public static byte[] encode(BufferedImage img, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A document photo as PNG; with alpha, the area outside the paper is fully transparent. */
    public static byte[] png(int w, int h, boolean alpha) {
        BufferedImage photo = documentPhoto(w, h, 2, 5);
        if (!alpha) return encode(photo, "png");
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < w / 10 || y < h / 12) argb.setRGB(x, y, 0x00000000);
            }
        }
        return encode(argb, "png");
    }

    /** White, with a solid red square in the stored top-left corner and a blue one top-right. */
    public static BufferedImage markerImage(int w, int h, int marker) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, marker, marker);
        g.setColor(Color.BLUE);
        g.fillRect(w - marker, 0, marker, marker);
        g.dispose();
        return img;
    }

    /**
     * An Adobe-style CMYK JPEG (4 components, APP14 transform 0, inverted values as Photoshop
     * writes them, no ICC profile): left half full cyan ink, right half no ink.
     */
    public static byte[] cmykJpeg(int w, int h) {
        var raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] cyan = {0, 255, 255, 255}, paper = {255, 255, 255, 255};   // inverted: 255 = no ink
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) raster.setPixel(x, y, x < w / 2 ? cyan : paper);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, /*transform*/ 0};
        return withApp1(out.toByteArray(), adobe);
    }

    // ---- JPEG segment surgery ---------------------------------------------------------------

    /**
     * Replaces the encoder's APP0/APP1 segments with an Exif APP1 as phones write it: orientation
     * in IFD0 and, optionally, a GPS IFD with a latitude.
     */
    public static byte[] withExif(byte[] jpeg, int orientation, ByteOrder order, boolean gps) {
        return withApp1(stripApp01(jpeg), exifApp1(orientation, order, gps));
    }

    /** Inserts a complete segment (any APPn) right after SOI. */
    public static byte[] withApp1(byte[] jpeg, byte[] app1Segment) {
        byte[] out = new byte[jpeg.length + app1Segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1Segment, 0, out, 2, app1Segment.length);
        System.arraycopy(jpeg, 2, out, 2 + app1Segment.length, jpeg.length - 2);
        return out;
    }

    static byte[] stripApp01(byte[] jpeg) {
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int pos = 2;
        while (true) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xDA) break;
            int len = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker != 0xE0 && marker != 0xE1) out.write(jpeg, pos, 2 + len);
            pos += 2 + len;
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }

    /** A complete APP1 segment (marker, length, "Exif\0\0", TIFF). */
    public static byte[] exifApp1(int orientation, ByteOrder order, boolean gps) {
        ByteBuffer t = ByteBuffer.allocate(128).order(order);
        t.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        t.putShort((short) 42).putInt(8);
        int gpsIfd = 8 + 2 + 2 * 12 + 4;
        t.putShort((short) (gps ? 2 : 1));
        entry(t, 0x0112, 3, 1).putShort((short) orientation).putShort((short) 0);       // Orientation SHORT
        if (gps) entry(t, 0x8825, 4, 1).putInt(gpsIfd);                                 // GPSInfo IFD pointer
        t.putInt(0);
        if (gps) {
            t.position(gpsIfd);
            int data = gpsIfd + 2 + 2 * 12 + 4;
            t.putShort((short) 2);
            entry(t, 0x0001, 2, 2).put(new byte[] {'N', 0, 0, 0});                      // GPSLatitudeRef
            entry(t, 0x0002, 5, 3).putInt(data);                                        // GPSLatitude
            t.putInt(0);
            t.putInt(39).putInt(1).putInt(54).putInt(1).putInt(2712).putInt(100);      // 39°54'27.12"
        }
        byte[] tiff = Arrays.copyOf(t.array(), t.position());
        ByteBuffer seg = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        seg.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        seg.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(tiff);
        return seg.array();
    }

    private static ByteBuffer entry(ByteBuffer t, int tag, int type, int count) {
        return t.putShort((short) tag).putShort((short) type).putInt(count);
    }

    // ---- hostile files ---------------------------------------------------------------------

    /** A tiny, valid PNG whose IHDR claims {@code w}×{@code h}: decoding would allocate gigabytes. */
    public static byte[] pngBomb(int w, int h) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);   // 8-bit grey
        chunk(out, "IHDR", ihdr.array());
        Deflater d = new Deflater(9);
        d.setInput(new byte[1 + w]);   // one all-zero scanline: a real zlib stream, just short
        d.finish();
        byte[] buf = new byte[1024 + w / 100];
        int n = d.deflate(buf);
        d.end();
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A real small JPEG whose SOF0 claims {@code w}×{@code h}. */
    public static byte[] jpegBomb(int w, int h) {
        byte[] j = jpeg(markerImage(64, 48, 8), 0.8f);
        for (int i = 2; i + 8 < j.length; i++) {
            if ((j[i] & 0xFF) == 0xFF && (j[i + 1] & 0xFF) == 0xC0) {
                j[i + 5] = (byte) (h >> 8); j[i + 6] = (byte) h;
                j[i + 7] = (byte) (w >> 8); j[i + 8] = (byte) w;
                return j;
            }
        }
        throw new IllegalStateException("no SOF0");
    }
}
