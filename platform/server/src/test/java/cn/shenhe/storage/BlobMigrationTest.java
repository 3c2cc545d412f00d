package cn.shenhe.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district's pictures from the file system into a real s3proxy: copied, verified, resumable; a picture re-wrapped in the
 * target is kept, a damaged one replaced.
 */
class BlobMigrationTest {

    @TempDir
    static Path dir;
    static S3Proxy proxy;
    static S3BlobStore s3;
    static DistrictKeys districtKeys;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = S3Proxy.start(dir.resolve("s3"));
        s3 = new S3BlobStore(proxy.settings());
        districtKeys = DistrictKeys.open(dir.resolve("keys/district-keys.p12"), "test-password".toCharArray(), true);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        s3.close();
        proxy.close();
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);

    /** The district's pictures and sample, and another district's picture, on the file system. */
    private static Map<String, byte[]> fill(FileSystemBlobStore fs, String district) throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            blobs.put(district + "/01reg" + (i % 2) + "/01pic" + i + ".jpg", ("picture " + i + " of " + district).getBytes(StandardCharsets.UTF_8));
        }
        blobs.put("samples/" + district + "/id-card/01sample.png", "sample".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            fs.put(b.getKey(), b.getValue());
        }
        fs.put(district + "x/01reg/01other.jpg", new byte[] {1});   // another district whose code starts alike
        return blobs;
    }

    @Test
    void copiesEveryPictureOfTheDistrictAndVerifiesIt() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs1"));
        Map<String, byte[]> blobs = fill(fs, "m1");

        BlobMigration.Result r = new BlobMigration(fs, s3, districtKeys, log).migrate("m1");

        assertEquals(new BlobMigration.Result(6, 0, 0), r, out.toString(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            assertArrayEquals(b.getValue(), read(s3, b.getKey()), b.getKey());
            assertArrayEquals(b.getValue(), read(fs, b.getKey()), "the source is never changed: " + b.getKey());
        }
        assertTrue(s3.open("m1x/01reg/01other.jpg").isEmpty(), "another district's pictures stay where they are");
    }

    @Test
    void resumesAfterAnInterruptedRunAndReplacesACopyCutShort() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs2"));
        Map<String, byte[]> blobs = fill(fs, "m2");
        List<String> keys = new ArrayList<>(blobs.keySet());
        // A first run stopped after two pictures, in the middle of the third (its object holds other bytes).
        s3.put(keys.get(0), blobs.get(keys.get(0)));
        s3.put(keys.get(1), blobs.get(keys.get(1)));
        s3.put(keys.get(2), new byte[] {0, 0});

        BlobMigration.Result r = new BlobMigration(fs, s3, districtKeys, log).migrate("m2");

        assertEquals(new BlobMigration.Result(4, 2, 0), r, out.toString(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            assertArrayEquals(b.getValue(), read(s3, b.getKey()), b.getKey());
        }
        // and a run after a complete one copies nothing
        assertEquals(new BlobMigration.Result(0, 6, 0), new BlobMigration(fs, s3, districtKeys, log).migrate("m2"));
    }

    @Test
    void aCopyThatDoesNotReadBackTheSameFailsAndTheNextRunRepairsIt() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs3"));
        Map<String, byte[]> blobs = fill(fs, "m3");
        String damaged = blobs.keySet().iterator().next();
        BlobStore flaky = new Corrupting(s3, damaged);   // the target stores other bytes than it was given

        BlobMigration.Result r = new BlobMigration(fs, flaky, districtKeys, log).migrate("m3");

        assertEquals(new BlobMigration.Result(5, 0, 1), r);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAILED  " + damaged), out.toString(StandardCharsets.UTF_8));
        assertEquals(new BlobMigration.Result(1, 5, 0), new BlobMigration(fs, s3, districtKeys, log).migrate("m3"));
        assertArrayEquals(blobs.get(damaged), read(s3, damaged));
    }

    @Test
    void anUnreachableTargetFailsEachPictureWithoutTouchingTheSource() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs4"));
        Map<String, byte[]> blobs = fill(fs, "m4");
        proxy.stop();
        try {
            assertEquals(new BlobMigration.Result(0, 0, 6), new BlobMigration(fs, s3, districtKeys, log).migrate("m4"));
        } finally {
            proxy.start();
        }
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            assertArrayEquals(b.getValue(), read(fs, b.getKey()));
        }
        assertEquals(new BlobMigration.Result(6, 0, 0), new BlobMigration(fs, s3, districtKeys, log).migrate("m4"));
    }

    /**
     * The district's pictures on the file system as the server stores them (sealed, one stored before encryption), copied,
     * then re-wrapped in the object store under the district's next key ({@code keys.sh rewrap}): their objects now have
     * other bytes than the files.
     */
    private static Map<String, byte[]> copiedThenRewrappedInTheTarget(FileSystemBlobStore fs, String district) throws Exception {
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        EncryptedBlobStore sealing = new EncryptedBlobStore(fs, districtKeys);
        for (int i = 0; i < 4; i++) {
            String key = district + "/01reg/01pic" + i + ".jpg";
            pictures.put(key, ("picture " + i + " of " + district).getBytes(StandardCharsets.UTF_8));
            sealing.put(key, pictures.get(key));
        }
        String before = district + "/01reg/01old.jpg";   // stored before encryption was turned on
        pictures.put(before, "an old picture".getBytes(StandardCharsets.UTF_8));
        fs.put(before, pictures.get(before));
        fs.put("samples/" + district + "/id-card/01sample.png", "sample".getBytes(StandardCharsets.UTF_8));
        assertEquals(new BlobMigration.Result(6, 0, 0), new BlobMigration(fs, s3, districtKeys, new PrintStream(OutputStream.nullOutputStream())).migrate(district));
        districtKeys.rotate(district);
        assertArrayEquals(new int[] {4, 1, 0}, KeyTool.rewrap(districtKeys, district, s3), "re-wrapped, sealed, already current");
        return pictures;
    }

    /** After keys.sh rewrap on the object store, a second run must not put the old-key copies back; damaged copies it replaces. */
    @Test
    void aPictureRewrappedInTheTargetIsKeptAndADamagedCopyReplaced() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs5"));
        Map<String, byte[]> pictures = copiedThenRewrappedInTheTarget(fs, "m5");
        List<String> keysOf = new ArrayList<>(pictures.keySet());
        Map<String, byte[]> rewrapped = new LinkedHashMap<>();
        for (String key : keysOf) {
            rewrapped.put(key, read(s3, key));
            assertNotEquals(BlobMigration.sha256(read(fs, key)), BlobMigration.sha256(rewrapped.get(key)), key);
        }
        // damaged in the target: a changed byte of the encrypted picture, a copy cut short, another picture sealed under the name
        byte[] changed = rewrapped.get(keysOf.get(0)).clone();
        changed[changed.length - 20] ^= 1;
        s3.replace(keysOf.get(0), changed);
        s3.replace(keysOf.get(1), Arrays.copyOf(rewrapped.get(keysOf.get(1)), 30));
        s3.replace(keysOf.get(2), Envelope.seal(keysOf.get(2), "another picture".getBytes(StandardCharsets.UTF_8), districtKeys.current("m5")));

        BlobMigration.Result r = new BlobMigration(fs, s3, districtKeys, log).migrate("m5");

        assertEquals(new BlobMigration.Result(3, 3, 0), r, out.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(read(fs, keysOf.get(i)), read(s3, keysOf.get(i)), "replaced by the file: " + keysOf.get(i));
        }
        for (int i = 3; i < keysOf.size(); i++) {
            assertArrayEquals(rewrapped.get(keysOf.get(i)), read(s3, keysOf.get(i)), "kept as re-wrapped: " + keysOf.get(i));
        }
        EncryptedBlobStore opened = new EncryptedBlobStore(s3, districtKeys);
        for (Map.Entry<String, byte[]> p : pictures.entrySet()) {
            assertArrayEquals(p.getValue(), read(opened, p.getKey()), p.getKey());
        }
        assertEquals(new BlobMigration.Result(0, 6, 0), new BlobMigration(fs, s3, districtKeys, log).migrate("m5"), "nothing left to do");
    }

    /** Without the keys a re-wrapped picture cannot be told from a damaged copy: it fails and stays as it is. */
    @Test
    void withoutTheKeysAPictureWithOtherBytesFailsAndIsLeftAsItIs() throws Exception {
        FileSystemBlobStore fs = new FileSystemBlobStore(dir.resolve("fs6"));
        Map<String, byte[]> pictures = copiedThenRewrappedInTheTarget(fs, "m6");
        Map<String, byte[]> rewrapped = new LinkedHashMap<>();
        for (String key : pictures.keySet()) {
            rewrapped.put(key, read(s3, key));
        }

        BlobMigration.Result r = new BlobMigration(fs, s3, null, log).migrate("m6");

        assertEquals(new BlobMigration.Result(0, 1, 5), r, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("without the district keys"), out.toString(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> b : rewrapped.entrySet()) {
            assertArrayEquals(b.getValue(), read(s3, b.getKey()), "left as it is: " + b.getKey());
        }
    }

    private static byte[] read(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow(() -> new AssertionError("no blob " + key))) {
            return in.readAllBytes();
        }
    }

    /** A store that damages one blob on its way in. */
    private record Corrupting(BlobStore store, String key) implements BlobStore {
        @Override
        public void put(String k, byte[] bytes) throws IOException {
            byte[] b = bytes.clone();
            if (k.equals(key)) {
                b[0] ^= 1;
            }
            store.put(k, b);
        }

        @Override
        public Optional<InputStream> open(String k) throws IOException {
            return store.open(k);
        }

        @Override
        public void delete(String k) throws IOException {
            store.delete(k);
        }

        @Override
        public void forEach(String prefix, Consumer<Entry> visitor) throws IOException {
            store.forEach(prefix, visitor);
        }

        @Override
        public void probe() throws StorageUnavailableException {
            store.probe();
        }
    }
}
