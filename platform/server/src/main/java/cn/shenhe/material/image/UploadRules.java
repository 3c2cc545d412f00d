package cn.shenhe.material.image;

import cn.shenhe.plugin.api.ImageFormat;

import java.util.EnumSet;
import java.util.Set;

/**
 * Per-tenant limits for one kind of upload.
 *
 * @param maxBytes    the most a candidate may send, and the most that is stored: a picture that re-encodes
 *                    larger is encoded smaller until it fits
 * @param maxPixels   the largest picture decoded at all (from its header), a bound on memory and CPU
 * @param storedSide  the longest side stored: larger pictures are scaled down (documents stay legible at
 *                    2400 px; a phone's 4000 px would only cost storage and reviewers' bandwidth)
 */
public record UploadRules(long maxBytes, Set<ImageFormat> accepted, long maxPixels, int storedSide) {

    public static final long DEFAULT_MAX_BYTES = 204_800;
    /** What phones produce (12-16 MP); anything larger is refused from its header. */
    public static final long DEFAULT_MAX_PIXELS = 16_000_000;
    public static final int DEFAULT_STORED_SIDE = 2400;
    /** Below this a document's small print is no longer legible: no setting may ask for less. */
    public static final int MIN_STORED_SIDE = 800;

    public UploadRules {
        // readBounded allocates maxBytes + 1 in one array
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        if (storedSide < MIN_STORED_SIDE) throw new IllegalArgumentException("storedSide must be >= " + MIN_STORED_SIDE + ": " + storedSide);
        if (accepted.isEmpty()) throw new IllegalArgumentException("accepted formats must not be empty");
        accepted = Set.copyOf(accepted);
    }

    public UploadRules(long maxBytes, Set<ImageFormat> accepted, long maxPixels) {
        this(maxBytes, accepted, maxPixels, DEFAULT_STORED_SIDE);
    }

    public static UploadRules defaults() {
        return new UploadRules(DEFAULT_MAX_BYTES, EnumSet.allOf(ImageFormat.class), DEFAULT_MAX_PIXELS);
    }

    public UploadRules withMaxBytes(long newMaxBytes) { return new UploadRules(newMaxBytes, accepted, maxPixels, storedSide); }

    public UploadRules withAccepted(Set<ImageFormat> formats) { return new UploadRules(maxBytes, formats, maxPixels, storedSide); }

    public UploadRules withMaxPixels(long newMaxPixels) { return new UploadRules(maxBytes, accepted, newMaxPixels, storedSide); }

    public UploadRules withStoredSide(int newStoredSide) { return new UploadRules(maxBytes, accepted, maxPixels, newStoredSide); }
}
