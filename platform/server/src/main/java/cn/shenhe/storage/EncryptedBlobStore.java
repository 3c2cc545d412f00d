package cn.shenhe.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.crypto.SecretKey;

/**
 * Encrypts every picture before it reaches the store underneath (file system or object store) and
 * decrypts it on the way out ({@link Envelope}), under the key of the district that the blob key
 * begins with. A copied picture folder or bucket holds no JPEG, no EXIF and no text.
 *
 * <p>Pictures stored before encryption was turned on (no envelope header) are still read as they are;
 * {@link KeyTool} {@code rewrap} seals them.
 */
public final class EncryptedBlobStore implements BlobStore, AutoCloseable {

    private final BlobStore inner;
    private final DistrictKeys keys;

    public EncryptedBlobStore(BlobStore inner, DistrictKeys keys) {
        this.inner = inner;
        this.keys = keys;
    }

    /** @throws DistrictKeys.RevokedException the district's keys are revoked: nothing new is stored */
    @Override
    public void put(String key, byte[] bytes) throws IOException {
        inner.put(key, sealed(key, bytes));
    }

    @Override
    public void replace(String key, byte[] bytes) throws IOException {
        inner.replace(key, sealed(key, bytes));
    }

    private byte[] sealed(String key, byte[] bytes) {
        if (isPublic(key)) return bytes;
        try {
            return Envelope.seal(key, bytes, keys.current(districtOf(key)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt " + key, e);
        }
    }

    /**
     * @throws DistrictKeys.RevokedException the district's keys are revoked
     * @throws IOException the stored bytes do not decrypt (changed, or copied under another name)
     */
    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Optional<InputStream> stored = inner.open(key);
        if (stored.isEmpty()) return stored;
        byte[] bytes;
        try (InputStream in = stored.get()) {
            bytes = in.readAllBytes();
        }
        return Optional.of(new ByteArrayInputStream(plaintext(key, bytes, keys)));
    }

    /**
     * The picture stored as {@code stored} under {@code key}: decrypted, or as it is when public or stored before
     * encryption.
     *
     * @throws IOException the bytes are not a whole sealed picture of this name and district (changed, cut short,
     *                     or copied under another name)
     * @throws DistrictKeys.RevokedException the district's keys are revoked
     * @throws IllegalStateException the key file has no key of the version that sealed it
     */
    static byte[] plaintext(String key, byte[] stored, DistrictKeys keys) throws IOException {
        if (isPublic(key) || !Envelope.isSealed(stored)) return stored;   // or stored before encryption
        Envelope.Header h;
        try {
            h = Envelope.header(stored);
        } catch (RuntimeException e) {   // cut short inside its header
            throw new IOException("Picture " + key + " has no whole header: cut short or changed", e);
        }
        if (!h.district().equals(districtOf(key))) throw new IOException("Picture " + key + " is sealed for district " + h.district());
        SecretKey kek = keys.version(h.district(), h.version());
        try {
            return Envelope.open(key, stored, kek);
        } catch (GeneralSecurityException | RuntimeException e) {   // a bad tag, or a body shorter than its IV and tag
            throw new IOException("Picture " + key + " does not decrypt: changed, or not stored under this name", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        inner.delete(key);
    }

    @Override
    public void forEach(String prefix, Consumer<Entry> visitor) throws IOException {
        inner.forEach(prefix, visitor);
    }

    @Override
    public void probe() throws StorageUnavailableException {
        inner.probe();
    }

    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable c) c.close();
    }

    /** A district's sample pictures (示例图片) are shown to anyone on its public page: no personal data. */
    static boolean isPublic(String key) {
        return key.startsWith("samples/");
    }

    /** Blob keys begin with the district's code ({@code bj/...}); the server makes them, never a caller. */
    static String districtOf(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) throw new IllegalArgumentException("Invalid blob key: " + key);
        return key.substring(0, slash);
    }
}
