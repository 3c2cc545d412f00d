package cn.shenhe.material.image;

/**
 * Wall-clock nanoseconds per pipeline stage. {@code readNanos} covers reading the upload (when the
 * pipeline read the stream) and hashing it; {@code sniffNanos} includes parsing the Exif orientation;
 * {@code headerNanos} and {@code decodeNanos} exclude waiting for a decode slot; {@code orientNanos}
 * includes conversion to RGB, scaling to the stored size and the quality checks' grey copy.
 */
public record StageTimings(long readNanos, long sniffNanos, long headerNanos, long decodeNanos,
                           long orientNanos, long watermarkNanos, long encodeNanos) {

    public long totalNanos() {
        return readNanos + sniffNanos + headerNanos + decodeNanos + orientNanos + watermarkNanos + encodeNanos;
    }
}
