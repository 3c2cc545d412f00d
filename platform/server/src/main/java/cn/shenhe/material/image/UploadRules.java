package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import java.util.EnumSet;
import java.util.Set;

/** Per-tenant limits for one kind of upload. */
public record UploadRules(long maxBytes, Set<ImageFormat> accepted, long maxPixels) {

    public static final long DEFAULT_MAX_BYTES = 204_800;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000;

    public UploadRules {
        // readBounded allocates maxBytes + 1 in one array
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        if (accepted.isEmpty()) throw new IllegalArgumentException("accepted formats must not be empty");
        accepted = Set.copyOf(accepted);
    }

    public static UploadRules defaults() {
        return new UploadRules(DEFAULT_MAX_BYTES, EnumSet.allOf(ImageFormat.class), DEFAULT_MAX_PIXELS);
    }

    public UploadRules withMaxBytes(long newMaxBytes) { return new UploadRules(newMaxBytes, accepted, maxPixels); }

    public UploadRules withAccepted(Set<ImageFormat> formats) { return new UploadRules(maxBytes, formats, maxPixels); }

    public UploadRules withMaxPixels(long newMaxPixels) { return new UploadRules(maxBytes, accepted, newMaxPixels); }
}
