package cn.shenhe.material.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * EXIF orientation (tag 0x0112) of a JPEG and its application to pixels. Phones store the sensor's
 * pixels unrotated and only set this tag; since the stored copy carries no metadata, we must bake
 * the rotation in. Parsing is defensive: anything malformed means "1" (as stored).
 */
final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** Orientation 1..8 from the first Exif APP1 segment before the image data; 1 when absent or malformed. */
    static int read(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) return 1;
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if (u8(jpeg, pos) != 0xFF) return 1;
            int marker = u8(jpeg, pos + 1);
            if (marker == 0xFF) { pos++; continue; }                           // fill byte
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { pos += 2; continue; } // no length
            if (marker == 0xDA || marker == 0xD9) return 1;                    // image data: metadata is over
            int length = u16(jpeg, pos + 2, true);
            int start = pos + 4, end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) return 1;
            if (marker == 0xE1 && isExif(jpeg, start, end)) {
                return fromTiff(jpeg, start + 6, end);
            }
            pos = end;
        }
        return 1;
    }

    private static boolean isExif(byte[] b, int start, int end) {
        return end - start >= 6 && b[start] == 'E' && b[start + 1] == 'x' && b[start + 2] == 'i'
                && b[start + 3] == 'f' && b[start + 4] == 0 && b[start + 5] == 0;
    }

    /** TIFF structure inside APP1: byte order, magic 42, IFD0 offset, then 12-byte entries. */
    static int fromTiff(byte[] b, int tiff, int end) {
        if (end - tiff < 8) return 1;
        boolean bigEndian;
        if (b[tiff] == 'M' && b[tiff + 1] == 'M') bigEndian = true;
        else if (b[tiff] == 'I' && b[tiff + 1] == 'I') bigEndian = false;
        else return 1;
        if (u16(b, tiff + 2, bigEndian) != 42) return 1;
        long ifd = u32(b, tiff + 4, bigEndian);
        if (ifd < 8 || tiff + ifd + 2 > end) return 1;
        int ifdPos = (int) (tiff + ifd);
        int count = u16(b, ifdPos, bigEndian);
        for (int i = 0; i < count; i++) {
            int entry = ifdPos + 2 + 12 * i;
            if (entry + 12 > end) return 1;
            if (u16(b, entry, bigEndian) != TAG_ORIENTATION) continue;
            if (u16(b, entry + 2, bigEndian) != TYPE_SHORT || u32(b, entry + 4, bigEndian) != 1) return 1;
            int value = u16(b, entry + 8, bigEndian);   // a single SHORT sits left-aligned in the value field
            return value >= 1 && value <= 8 ? value : 1;
        }
        return 1;
    }

    static boolean swapsAxes(int orientation) { return orientation >= 5 && orientation <= 8; }

    /**
     * Returns an upright copy of a packed BGR image ({@link PackedBgr}), or {@code src} itself for
     * orientation 1. An index remap rather than an AffineTransform draw: exact and cheaper.
     */
    static BufferedImage apply(BufferedImage src, int orientation) {
        if (!PackedBgr.is(src)) throw new IllegalArgumentException("expects a packed TYPE_3BYTE_BGR image");
        if (orientation < 2 || orientation > 8) return src;
        int w = src.getWidth(), h = src.getHeight();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w, oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] in = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
        byte[] o = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int ox, oy;
                switch (orientation) {
                    case 2 -> { ox = w - 1 - x; oy = y; }          // mirror horizontally
                    case 3 -> { ox = w - 1 - x; oy = h - 1 - y; }  // rotate 180°
                    case 4 -> { ox = x; oy = h - 1 - y; }          // mirror vertically
                    case 5 -> { ox = y; oy = x; }                  // transpose
                    case 6 -> { ox = h - 1 - y; oy = x; }          // rotate 90° clockwise
                    case 7 -> { ox = h - 1 - y; oy = w - 1 - x; }  // transverse
                    default -> { ox = y; oy = w - 1 - x; }         // 8: rotate 90° counter-clockwise
                }
                int from = (row + x) * 3, to = (oy * ow + ox) * 3;
                o[to] = in[from];
                o[to + 1] = in[from + 1];
                o[to + 2] = in[from + 2];
            }
        }
        return out;
    }

    private static int u8(byte[] b, int i) { return b[i] & 0xFF; }

    private static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (u8(b, i) << 8) | u8(b, i + 1) : (u8(b, i + 1) << 8) | u8(b, i);
    }

    private static long u32(byte[] b, int i, boolean bigEndian) {
        long hi = u16(b, bigEndian ? i : i + 2, bigEndian), lo = u16(b, bigEndian ? i + 2 : i, bigEndian);
        return (hi << 16) | lo;
    }
}
