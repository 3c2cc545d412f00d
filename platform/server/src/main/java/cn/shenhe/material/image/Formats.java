package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;
import java.util.Arrays;
import java.util.Optional;

/** Recognises the accepted formats by their magic bytes only, never by file name or declared type. */
public final class Formats {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private Formats() {
    }

    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, JPEG)) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(bytes, PNG)) {
            return Optional.of(ImageFormat.PNG);
        }
        return Optional.empty();
    }

    /** What a candidate calls it ("JPG", "PNG"). */
    public static String displayName(ImageFormat f) {
        return f == ImageFormat.JPEG ? "JPG" : f.name();
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }
}
