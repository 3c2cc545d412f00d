package cn.shenhe.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store against a real s3proxy, including the store going away and coming back. */
class S3BlobStoreTest {

    @TempDir
    static Path dir;
    static S3Proxy proxy;
    static S3BlobStore store;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = S3Proxy.start(dir);
        store = new S3BlobStore(proxy.settings());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        store.close();
        proxy.close();
    }

    @Test
    void storesReadsListsByPrefixAndDeletes() throws Exception {
        byte[] bytes = {1, 2, 3, 4};
        Instant before = Instant.now().minusSeconds(2);
        store.put("t1/01abc/01def.jpg", bytes);
        store.put("t1/01abc/01xyz.jpg", new byte[] {5});
        store.put("samples/t1/id-card/01s.png", new byte[] {6});
        store.put("t10/01abc/01def.jpg", new byte[] {7});
        // in the bucket as an object under its key, with its bytes
        assertArrayEquals(bytes, Files.readAllBytes(proxy.bucketDir().resolve("t1/01abc/01def.jpg")));
        try (InputStream in = store.open("t1/01abc/01def.jpg").orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }

        List<BlobStore.Entry> t1 = new ArrayList<>();
        store.forEach("t1/", t1::add);
        assertEquals(List.of("t1/01abc/01def.jpg", "t1/01abc/01xyz.jpg"), t1.stream().map(BlobStore.Entry::key).toList());
        assertTrue(t1.getFirst().modified().isAfter(before) && t1.getFirst().modified().isBefore(Instant.now().plusSeconds(2)),
                "last modified " + t1.getFirst().modified());
        List<String> all = new ArrayList<>();
        store.forEach(e -> all.add(e.key()));
        assertTrue(all.containsAll(List.of("t1/01abc/01def.jpg", "samples/t1/id-card/01s.png", "t10/01abc/01def.jpg")), all.toString());

        store.delete("t1/01abc/01def.jpg");
        assertTrue(store.open("t1/01abc/01def.jpg").isEmpty());
        assertDoesNotThrow(() -> store.delete("t1/01abc/01def.jpg"), "a missing blob is not an error");
        assertEquals(Optional.empty(), store.open("t1/nothing/here.jpg"));
    }

    @Test
    void listsOnlyBlobKeys() throws Exception {
        // an object someone else put into a shared bucket, under a name no key of ours can have
        Files.createDirectories(proxy.bucketDir().resolve("t2"));
        Files.write(proxy.bucketDir().resolve("t2/Backup.TAR"), new byte[] {1});
        store.put("t2/01abc/01def.jpg", new byte[] {1});
        List<String> keys = new ArrayList<>();
        store.forEach("t2/", e -> keys.add(e.key()));
        assertEquals(List.of("t2/01abc/01def.jpg"), keys);
    }

    @Test
    void refusesKeysNotMadeByTheServer() {
        for (String key : new String[] {"../x.jpg", "t3/../../x.jpg", "/t3/x.jpg", "T3/X.jpg", "t3", "t3/a b.jpg"}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[] {1}), key);
            assertThrows(IllegalArgumentException.class, () -> store.open(key), key);
        }
    }

    @Test
    void anUnreachableStoreIsReportedAsSuchAndServesAgainWhenBack() throws Exception {
        store.put("t4/01abc/kept.jpg", new byte[] {9});
        store.probe();
        proxy.stop();
        try {
            long t0 = System.nanoTime();
            assertThrows(StorageUnavailableException.class, () -> store.put("t4/01abc/01def.jpg", new byte[] {1}));
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 15, "an unreachable store must fail fast");
            assertThrows(StorageUnavailableException.class, () -> store.open("t4/01abc/kept.jpg"));
            assertThrows(StorageUnavailableException.class, () -> store.delete("t4/01abc/kept.jpg"));
            assertThrows(StorageUnavailableException.class, () -> store.forEach("t4/", e -> { }));
            assertThrows(StorageUnavailableException.class, store::probe);
        } finally {
            proxy.start();
        }
        store.probe();
        store.put("t4/01abc/01def.jpg", new byte[] {1});
        try (InputStream in = store.open("t4/01abc/kept.jpg").orElseThrow()) {
            assertArrayEquals(new byte[] {9}, in.readAllBytes());
        }
    }

    @Test
    void aMissingBucketIsUnavailableNotMissingBlobs() {
        S3BlobStore.Settings s = proxy.settings();
        try (S3BlobStore other = new S3BlobStore(new S3BlobStore.Settings(s.endpoint(), "no-such-bucket", s.region(), true,
                s.accessKey(), s.secretKey()))) {
            assertThrows(StorageUnavailableException.class, other::probe);
            assertThrows(StorageUnavailableException.class, () -> other.put("t5/01abc/01def.jpg", new byte[] {1}));
        }
    }

    @Test
    void wrongCredentialsAreRefused() {
        S3BlobStore.Settings s = proxy.settings();
        try (S3BlobStore other = new S3BlobStore(new S3BlobStore.Settings(s.endpoint(), s.bucket(), s.region(), true,
                s.accessKey(), "wrong"))) {
            assertThrows(StorageUnavailableException.class, () -> other.put("t6/01abc/01def.jpg", new byte[] {1}));
        }
        assertTrue(Files.notExists(proxy.bucketDir().resolve("t6/01abc/01def.jpg")));
    }

    @Test
    void settingsComeFromConfigurationWithDefaults() {
        Map<String, String> config = Map.of("shenhe.blobs.s3.endpoint", "http://127.0.0.1:9400",
                "shenhe.blobs.s3.bucket", "pictures", "shenhe.blobs.s3.access-key", "a", "shenhe.blobs.s3.secret-key", "top-secret-value");
        S3BlobStore.Settings s = S3BlobStore.Settings.from(name -> Optional.ofNullable(config.get(name)));
        assertEquals("http://127.0.0.1:9400", s.endpoint().toString());
        assertEquals("pictures", s.bucket());
        assertEquals("us-east-1", s.region());
        assertTrue(s.pathStyle());
        assertTrue(!s.toString().contains("top-secret-value"), "no secret in " + s);
        assertThrows(IllegalArgumentException.class, () -> S3BlobStore.Settings.from(name -> Optional.empty()), "a bucket is required");
        assertThrows(IllegalArgumentException.class, () -> S3BlobStore.Settings.from(
                name -> name.endsWith("bucket") ? Optional.of("b") : name.endsWith("access-key") ? Optional.of("a") : Optional.empty()),
                "an access key without its secret");
    }

    @Test
    void keysRewrapPicturesInTheObjectStore() throws Exception {
        DistrictKeys keys = DistrictKeys.open(dir.resolve("keys/district-keys.p12"), "test-password".toCharArray(), true);
        EncryptedBlobStore sealed = new EncryptedBlobStore(store, keys);
        byte[] picture = new byte[20_000];
        new java.util.Random(7).nextBytes(picture);
        sealed.put("rw/01r/old.jpg", picture);
        keys.rotate("rw");
        sealed.put("rw/01r/new.jpg", picture);
        store.put("rw/01r/plain.jpg", picture);   // from before encryption

        assertArrayEquals(new int[] {1, 1, 1}, KeyTool.rewrap(keys, "rw", store));
        for (String key : List.of("rw/01r/old.jpg", "rw/01r/new.jpg", "rw/01r/plain.jpg")) {
            try (InputStream raw = store.open(key).orElseThrow(); InputStream in = sealed.open(key).orElseThrow()) {
                assertEquals(2, Envelope.header(raw.readAllBytes()).version(), key);
                assertArrayEquals(picture, in.readAllBytes(), key);
            }
        }
        assertArrayEquals(new int[] {0, 0, 3}, KeyTool.rewrap(keys, "rw", store), "nothing left to do");
    }
}
