package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Stores immutable blobs by key. */
public interface BlobStore {

    /** Stores the bytes under the key; returns only once they are durable (synced to disk). */
    void put(String key, byte[] bytes) throws IOException;

    Optional<InputStream> open(String key) throws IOException;

    /** Removes the blob; a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** Every key with its last-modified time, for the orphan sweep. */
    void forEach(Consumer<Entry> visitor) throws IOException;

    record Entry(String key, Instant modified) {
    }
}
