package cn.shenhe.material.image;

import java.util.Optional;

/**
 * The frame header (SOFn) of a JPEG, found by walking its marker segments in Java: the dimensions are
 * checked against the limits before any decoder, native or not, is handed the file.
 *
 * @param components 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK/YCCK)
 * @param progressive SOF2/SOF6/SOF10/SOF14
 */
public record JpegHeader(int width, int height, int components, boolean progressive) {

    /** @return empty when there is no well-formed frame header before the first scan */
    public static Optional<JpegHeader> read(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) return Optional.empty();
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) return Optional.empty();
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) { pos++; continue; }                       // fill byte
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { pos += 2; continue; }   // no length
            if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) return Optional.empty();   // no frame before the scan
            int length = u16(b, pos + 2);
            if (length < 2 || pos + 2 + length > b.length) return Optional.empty();
            if (isFrame(marker)) {
                if (length < 8) return Optional.empty();
                int height = u16(b, pos + 5), width = u16(b, pos + 7), components = b[pos + 9] & 0xFF;
                // height 0 means "given later by a DNL marker": no decoder here handles it, and it hides the size
                if (width == 0 || height == 0 || components == 0 || length < 8 + 3 * components) return Optional.empty();
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                return Optional.of(new JpegHeader(width, height, components, progressive));
            }
            pos += 2 + length;
        }
        return Optional.empty();
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
