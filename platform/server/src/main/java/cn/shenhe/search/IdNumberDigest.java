package cn.shenhe.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The search index never holds a whole ID number: it holds a keyed digest of it (HMAC-SHA256, the key
 * kept outside the index), so a copied index folder does not give the numbers away and a digest cannot
 * be reversed by trying the few billion valid ID numbers. Searching by a whole number digests the
 * query the same way; the last 4-6 characters stay readable terms, as people read them out.
 */
final class IdNumberDigest {

    private static volatile SecretKeySpec key = new SecretKeySpec(randomSecret(), "HmacSHA256");

    private IdNumberDigest() {
    }

    /** The digest as an index term: URL-safe Base64 of the first 16 bytes. */
    static String of(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JRE", e);
        }
    }

    /**
     * Uses the secret in {@code file}, made (32 random bytes, owner-only) when missing. Every node of
     * a deployment must share it: an index built under another secret answers no ID-number search.
     * Until this is called (unit tests) a random per-process secret is used.
     */
    static void useSecretIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try {
                Files.write(file, Base64.getEncoder().encode(randomSecret()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another node or start made it first: use theirs
            }
        }
        byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (secret.length < 16) throw new IOException("The ID-number search secret in " + file + " is too short");
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
