package cn.shenhe.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncryptedBlobStoreTest {

    private static final char[] PASSWORD = "test-password".toCharArray();

    @TempDir
    Path dir;
    Path blobsDir;
    Path keyFile;
    DistrictKeys keys;
    EncryptedBlobStore store;
    byte[] picture;

    @BeforeEach
    void setUp() throws IOException {
        blobsDir = dir.resolve("blobs");
        keyFile = dir.resolve("keys/district-keys.p12");
        keys = DistrictKeys.open(keyFile, PASSWORD, true);
        store = new EncryptedBlobStore(new FileSystemBlobStore(blobsDir), keys);
        picture = new byte[150_000];
        new Random(1).nextBytes(picture);
        picture[0] = (byte) 0xFF; picture[1] = (byte) 0xD8; picture[2] = (byte) 0xFF; picture[3] = (byte) 0xE1;
        byte[] exif = "Exif\0\0 ZHANG Wei 110101199003071234 GPS 39.9N 116.4E".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(exif, 0, picture, 6, exif.length);
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCopiedFolderRevealsNothing() throws IOException {
        store.put("bj/r1/a.jpg", picture);
        byte[] onDisk = Files.readAllBytes(blobsDir.resolve("bj/r1/a.jpg"));
        String text = new String(onDisk, StandardCharsets.ISO_8859_1);
        assertFalse(onDisk[0] == (byte) 0xFF && onDisk[1] == (byte) 0xD8, "not a JPEG");
        for (String leak : new String[] {"Exif", "ZHANG", "110101199003071234", "GPS"}) assertFalse(text.contains(leak), leak);
        assertFalse(indexOf(onDisk, Arrays.copyOfRange(picture, 1000, 1032)) >= 0, "no run of the picture's bytes");
        assertArrayEquals(picture, read("bj/r1/a.jpg"));
        // each picture its own data key and IV: the same picture twice gives other bytes
        store.put("bj/r1/b.jpg", picture);
        assertFalse(Arrays.equals(onDisk, Files.readAllBytes(blobsDir.resolve("bj/r1/b.jpg"))));
    }

    @Test
    void aPictureMovedOrChangedDoesNotDecrypt() throws IOException {
        store.put("bj/r1/a.jpg", picture);
        Path a = blobsDir.resolve("bj/r1/a.jpg");
        Files.createDirectories(blobsDir.resolve("bj/r2"));
        Files.copy(a, blobsDir.resolve("bj/r2/a.jpg"));
        assertThrows(IOException.class, () -> read("bj/r2/a.jpg"), "another name");
        byte[] changed = Files.readAllBytes(a);
        changed[changed.length - 100] ^= 1;
        Files.write(a, changed);
        assertThrows(IOException.class, () -> read("bj/r1/a.jpg"), "a changed byte");
    }

    @Test
    void districtsHaveTheirOwnKeys() throws IOException {
        store.put("bj/r1/a.jpg", picture);
        store.put("sh/r1/a.jpg", picture);
        assertEquals("bj", Envelope.header(Files.readAllBytes(blobsDir.resolve("bj/r1/a.jpg"))).district());
        assertFalse(Arrays.equals(keys.current("bj").key().getEncoded(), keys.current("sh").key().getEncoded()));
        // bj's picture under sh's name: refused before any key is tried
        Files.copy(blobsDir.resolve("bj/r1/a.jpg"), blobsDir.resolve("sh/r1/a.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, () -> read("sh/r1/a.jpg"));
    }

    @Test
    void rotationThenRewrapLeavesThePicturesAlone() throws Exception {
        store.put("bj/r1/old.jpg", picture);
        keys.rotate("bj");
        store.put("bj/r1/new.jpg", picture);
        byte[] before = Files.readAllBytes(blobsDir.resolve("bj/r1/old.jpg"));
        assertEquals(1, Envelope.header(before).version());
        assertEquals(2, Envelope.header(Files.readAllBytes(blobsDir.resolve("bj/r1/new.jpg"))).version());
        assertArrayEquals(picture, read("bj/r1/old.jpg"));

        assertArrayEquals(new int[] {1, 0, 1}, KeyTool.rewrap(keys, "bj", new FileSystemBlobStore(blobsDir)));
        byte[] after = Files.readAllBytes(blobsDir.resolve("bj/r1/old.jpg"));
        Envelope.Header h = Envelope.header(after);
        assertEquals(2, h.version());
        // the encrypted picture itself (IV, ciphertext, tag) is byte for byte what it was
        int body = Envelope.header(before).length();
        assertArrayEquals(Arrays.copyOfRange(before, body, before.length), Arrays.copyOfRange(after, h.length(), after.length));
        assertArrayEquals(picture, read("bj/r1/old.jpg"));
        assertArrayEquals(new int[] {0, 0, 2}, KeyTool.rewrap(keys, "bj", new FileSystemBlobStore(blobsDir)), "nothing left to do");
    }

    @Test
    void picturesFromBeforeEncryptionAreReadAndThenSealed() throws Exception {
        new FileSystemBlobStore(blobsDir).put("bj/r1/plain.jpg", picture);
        assertArrayEquals(picture, read("bj/r1/plain.jpg"));
        assertArrayEquals(new int[] {0, 1, 0}, KeyTool.rewrap(keys, "bj", new FileSystemBlobStore(blobsDir)));
        assertTrue(Envelope.isSealed(Files.readAllBytes(blobsDir.resolve("bj/r1/plain.jpg"))));
        assertArrayEquals(picture, read("bj/r1/plain.jpg"));
    }

    @Test
    void aRevokedDistrictsPicturesAreGoneNotGarbage() throws Exception {
        store.put("bj/r1/a.jpg", picture);
        store.put("sh/r1/a.jpg", picture);
        keys.revoke("bj");
        DistrictKeys.RevokedException e = assertThrows(DistrictKeys.RevokedException.class, () -> read("bj/r1/a.jpg"));
        assertEquals(410, e.status());
        assertEquals("district-keys-revoked", e.code());
        assertThrows(DistrictKeys.RevokedException.class, () -> store.put("bj/r1/b.jpg", picture));
        assertThrows(DistrictKeys.RevokedException.class, () -> keys.rotate("bj"));
        assertArrayEquals(picture, read("sh/r1/a.jpg"), "other districts are untouched");
        // and the key material is gone from the file, not only hidden
        DistrictKeys reopened = DistrictKeys.open(keyFile, PASSWORD, false);
        assertTrue(reopened.describe().contains("bj: revoked"), reopened.describe().toString());
    }

    @Test
    void aRunningServerSeesAnOperatorsRotation() throws Exception {
        DistrictKeys server = DistrictKeys.open(keyFile, PASSWORD, false);
        keys.rotate("bj");                      // v1
        DistrictKeys operator = DistrictKeys.open(keyFile, PASSWORD, false);
        operator.rotate("bj");                  // v2, written by another process's instance
        Thread.sleep(DistrictKeys.RECHECK_NANOS / 1_000_000 + 200);
        assertEquals(2, server.current("bj").version());
    }

    @Test
    void theWrongPasswordOpensNothing() {
        keys.rotate("bj");
        assertThrows(IllegalStateException.class, () -> DistrictKeys.open(keyFile, "guess".toCharArray(), false));
        assertThrows(IOException.class, () -> DistrictKeys.open(dir.resolve("none.p12"), PASSWORD, false));
    }

    @Test
    void samplePicturesArePublicAndStayAsTheyAre() throws IOException {
        store.put("samples/bj/id-card/x.jpg", picture);
        assertArrayEquals(picture, Files.readAllBytes(blobsDir.resolve("samples/bj/id-card/x.jpg")));
        assertArrayEquals(picture, read("samples/bj/id-card/x.jpg"));
    }

    @Test
    void whatEncryptionCosts() {
        long seal = 0, open = 0;
        int n = 300;
        for (int i = -300; i < n; i++) {   // the first 300 warm up
            if (i == 0) {
                seal = 0;
                open = 0;
            }
            long t0 = System.nanoTime();
            byte[] sealed;
            try {
                sealed = Envelope.seal("bj/m/" + i + ".jpg", picture, keys.current("bj"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            long t1 = System.nanoTime();
            try {
                Envelope.open("bj/m/" + i + ".jpg", sealed, keys.version("bj", 1));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            long t2 = System.nanoTime();
            seal += t1 - t0;
            open += t2 - t1;
        }
        System.err.printf("AES-256-GCM + key wrap per 150 KB picture: seal %.3f ms, open %.3f ms%n", seal / 1e6 / n, open / 1e6 / n);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
