package cn.shenhe.district;

/**
 * Makes an administrator's sample picture fit to serve to anyone: checked within the limits and re-encoded
 * by the image pipeline. The material package answers (it builds on district, so district asks through
 * this interface instead of knowing it).
 */
public interface SamplePictures {

    /**
     * @param bytes          the JPEG to store, without metadata
     * @param uploadedSha256 of the file as the administrator sent it, for the audit
     */
    record Cleaned(byte[] bytes, String contentType, String uploadedSha256) {
    }

    /**
     * A JPEG or PNG (by magic bytes) of at most {@code maxBytes} and {@code maxSide} pixels a side (read from
     * the header before anything is decoded), decoded, turned upright and freshly encoded without watermark.
     *
     * @throws cn.shenhe.problem.ProblemException the upload refusals: empty-file, file-too-large,
     *         format-not-accepted, unreadable, dimensions-too-large
     */
    Cleaned clean(byte[] bytes, long maxBytes, int maxSide);
}
