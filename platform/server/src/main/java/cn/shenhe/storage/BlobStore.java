package cn.shenhe.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stores immutable blobs by key. Keys are made by the server (district, registration and picture
 * ids), never taken from a caller; every store refuses a key outside {@link BlobKeys}' form. A store
 * that cannot be reached throws {@link StorageUnavailableException}.
 */
public interface BlobStore {

    /** Stores the bytes under the key; returns only once the store holds them durably (synced to disk, acknowledged). */
    void put(String key, byte[] bytes) throws IOException;

    /**
     * Replaces the blob's bytes whole (a reader sees the old or the new), durably; for operators' commands that
     * rewrite stored blobs (key rotation). {@link #put} never overwrites on the file system; an object store's does.
     */
    default void replace(String key, byte[] bytes) throws IOException {
        put(key, bytes);
    }

    Optional<InputStream> open(String key) throws IOException;

    /** Removes the blob; a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** Every key starting with {@code prefix} (e.g. {@code "bj/"}), with its last-modified time. */
    void forEach(String prefix, Consumer<Entry> visitor) throws IOException;

    /** Every key with its last-modified time, for the orphan sweep. */
    default void forEach(Consumer<Entry> visitor) throws IOException {
        forEach("", visitor);
    }

    /** Throws {@link StorageUnavailableException} if the store cannot take or serve blobs now (for readiness). */
    void probe() throws StorageUnavailableException;

    record Entry(String key, Instant modified) {
    }
}
