package cn.shenhe.storage.bench;

import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.DistrictKeys;
import cn.shenhe.storage.EncryptedBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What encryption at rest costs per upload and per view (issue 14 §6, goal ≤ 1 ms each): {@link EncryptedBlobStore}
 * sealing a stored picture (fresh data key, AES key wrap, AES-256-GCM) and opening it, over a store in memory so
 * that only the cryptography is measured. Sizes: a stored picture is at most its type's byte limit (200 KB by
 * default; 1 MB where a district allows more).
 * <pre>
 * ./mvnw -q -o -pl platform/benchmarks -am test-compile -Pjmh -Djmh.args="EncryptionBenchmark -f 1 -wi 3 -i 5 -w 3s -r 5s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncryptionBenchmark {

    private static final String KEY = "bj/01jbenchregistration0000/01jbenchpicture00000000.jpg";

    @Param({"150000", "1000000"})
    public int bytes;

    private EncryptedBlobStore store;
    private byte[] picture;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("encryption-bench");
        DistrictKeys keys = DistrictKeys.open(dir.resolve("district-keys.p12"), "bench".toCharArray(), true);
        store = new EncryptedBlobStore(new InMemory(), keys);
        picture = new byte[bytes];
        new Random(1).nextBytes(picture);   // a JPEG's entropy-coded bytes look random
        store.put(KEY, picture);
    }

    /** An upload's share: the picture sealed and handed to the store. */
    @Benchmark
    public void seal() throws IOException {
        store.put(KEY, picture);
    }

    /** A view's share: the stored bytes opened and read. */
    @Benchmark
    public int open() throws IOException {
        try (InputStream in = store.open(KEY).orElseThrow()) {
            return in.readAllBytes().length;
        }
    }

    /** Keeps the last bytes put under each key. */
    static final class InMemory implements BlobStore {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public void put(String key, byte[] bytes) {
            blobs.put(key, bytes);
        }

        @Override
        public Optional<InputStream> open(String key) {
            return Optional.ofNullable(blobs.get(key)).map(ByteArrayInputStream::new);
        }

        @Override
        public void delete(String key) {
            blobs.remove(key);
        }

        @Override
        public void forEach(String prefix, Consumer<Entry> visitor) {
        }

        @Override
        public void probe() {
        }
    }
}
