package cn.shenhe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BlobStoreHealthTest {

    /** A store whose reachability the test switches, counting the probes. */
    static final class Switched implements BlobStore {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger probes = new AtomicInteger();

        @Override
        public void probe() throws StorageUnavailableException {
            probes.incrementAndGet();
            if (!up.get()) {
                throw new StorageUnavailableException("down", null);
            }
        }

        @Override
        public void put(String key, byte[] bytes) {
        }

        @Override
        public Optional<InputStream> open(String key) {
            return Optional.empty();
        }

        @Override
        public void delete(String key) {
        }

        @Override
        public void forEach(String prefix, Consumer<Entry> visitor) {
        }
    }

    @Test
    void probesAtMostOncePerMaxAgeAndFollowsTheStore() throws Exception {
        Switched store = new Switched();
        BlobStoreHealth health = new BlobStoreHealth();
        health.blobs = store;

        for (int i = 0; i < 50; i++) {
            assertTrue(health.up());
        }
        assertEquals(1, store.probes.get(), "readiness calls within the max age share one probe");

        store.up.set(false);
        assertTrue(health.up(), "the cached answer holds until it is older than the max age");
        Thread.sleep(BlobStoreHealth.MAX_AGE.toMillis() + 100);
        assertFalse(health.up());
        assertEquals(2, store.probes.get());

        store.up.set(true);
        Thread.sleep(BlobStoreHealth.MAX_AGE.toMillis() + 100);
        assertTrue(health.up());
        assertEquals(3, store.probes.get());
    }
}
