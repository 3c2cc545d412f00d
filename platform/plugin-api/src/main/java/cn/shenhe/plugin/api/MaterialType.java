package cn.shenhe.plugin.api;

import java.util.Objects;
import java.util.Set;

/**
 * One kind of material a candidate uploads pictures of (ID card, diploma, ...), with its rules.
 * A type whose {@code minImages == maxImages} takes a fixed number of pictures (ID card: 2).
 *
 * @param code      stable identifier used in URLs, e.g. {@code id-card}
 * @param name      the name shown to candidates
 * @param hint      what the pictures must show, shown before any upload
 * @param sample    the sample picture, or {@code null}
 * @param minImages pictures needed for the type to be complete (0 for optional types)
 * @param maxImages pictures accepted at most
 * @param formats   accepted formats
 * @param maxBytes  largest accepted file, in bytes
 */
public record MaterialType(String code, LocalizedText name, LocalizedText hint, SampleImage sample,
                           int minImages, int maxImages, Set<ImageFormat> formats, long maxBytes) {

    /** The platform-wide default size limit: 200 KB. */
    public static final long DEFAULT_MAX_BYTES = 200L * 1024;

    public MaterialType {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hint, "hint");
        formats = Set.copyOf(formats);
        if (!code.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("material type code must be lower-case letters, digits and '-': " + code);
        }
        if (minImages < 0 || maxImages < 1 || minImages > maxImages) {
            throw new IllegalArgumentException("need 0 <= minImages <= maxImages and maxImages >= 1 for " + code);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no accepted format for " + code);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive for " + code);
        }
    }

    public boolean required() {
        return minImages > 0;
    }

    public boolean fixedCount() {
        return minImages == maxImages;
    }
}
