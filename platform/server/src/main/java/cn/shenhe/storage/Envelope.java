package cn.shenhe.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one picture: AES-256-GCM under a fresh data key, the data key wrapped (AES key
 * wrap, RFC 3394) by a version of the district's key, and the wrapped key in the stored object's own
 * header, so a picture carries everything but the district key needed to read it.
 *
 * <pre>
 * "SHE" 0x01 | district (1 + n bytes) | key version (4) | wrapped data key (2 + n) | IV (12) | ciphertext + tag (16)
 * </pre>
 * The blob's key (its name in the store) is the additional authenticated data: a picture copied under
 * another name, or with a changed header, does not decrypt.
 */
final class Envelope {

    private static final byte[] MAGIC = {'S', 'H', 'E', 1};
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    /** The header of a sealed picture: which district key, which version, and the wrapped data key. */
    record Header(String district, int version, byte[] wrappedKey, int length) {}

    static byte[] seal(String blobKey, byte[] plain, DistrictKeys.Kek kek) throws GeneralSecurityException {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] wrapped = wrap(kek.key(), dataKey);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        gcm.updateAAD(blobKey.getBytes(StandardCharsets.UTF_8));
        byte[] district = kek.district().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 1 + district.length + 4 + 2 + wrapped.length + IV_BYTES
                + gcm.getOutputSize(plain.length));
        out.put(MAGIC).put((byte) district.length).put(district).putInt(kek.version())
                .putShort((short) wrapped.length).put(wrapped).put(iv);
        gcm.doFinal(ByteBuffer.wrap(plain), out);
        return out.array();
    }

    static boolean isSealed(byte[] stored) {
        return stored.length > MAGIC.length && ByteBuffer.wrap(stored, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC));
    }

    static Header header(byte[] stored) {
        if (!isSealed(stored)) throw new IllegalArgumentException("not a sealed picture");
        ByteBuffer in = ByteBuffer.wrap(stored).position(MAGIC.length);
        byte[] district = new byte[in.get() & 0xFF];
        in.get(district);
        int version = in.getInt();
        byte[] wrapped = new byte[in.getShort() & 0xFFFF];
        in.get(wrapped);
        return new Header(new String(district, StandardCharsets.US_ASCII), version, wrapped, in.position());
    }

    /** @throws GeneralSecurityException wrong key, another name, or changed bytes */
    static byte[] open(String blobKey, byte[] stored, SecretKey kek) throws GeneralSecurityException {
        Header h = header(stored);
        byte[] dataKey = unwrap(kek, h.wrappedKey());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, stored, h.length(), IV_BYTES));
        gcm.updateAAD(blobKey.getBytes(StandardCharsets.UTF_8));
        int body = h.length() + IV_BYTES;
        return gcm.doFinal(stored, body, stored.length - body);
    }

    /** The same picture with its data key wrapped by another version: the ciphertext is not touched. */
    static byte[] rewrap(byte[] stored, SecretKey oldKek, DistrictKeys.Kek newKek) throws GeneralSecurityException {
        Header h = header(stored);
        byte[] wrapped = wrap(newKek.key(), unwrap(oldKek, h.wrappedKey()));
        byte[] district = newKek.district().getBytes(StandardCharsets.US_ASCII);
        int rest = stored.length - h.length();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 1 + district.length + 4 + 2 + wrapped.length + rest);
        out.put(MAGIC).put((byte) district.length).put(district).putInt(newKek.version())
                .putShort((short) wrapped.length).put(wrapped).put(stored, h.length(), rest);
        return out.array();
    }

    private static byte[] wrap(SecretKey kek, byte[] dataKey) throws GeneralSecurityException {
        Cipher kw = Cipher.getInstance("AESWrap");
        kw.init(Cipher.WRAP_MODE, kek);
        return kw.wrap(new SecretKeySpec(dataKey, "AES"));
    }

    private static byte[] unwrap(SecretKey kek, byte[] wrapped) throws GeneralSecurityException {
        Cipher kw = Cipher.getInstance("AESWrap");
        kw.init(Cipher.UNWRAP_MODE, kek);
        return kw.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
    }
}
