package cn.shenhe.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the blob store answers, for readiness. A probe (for S3 a HEAD of the bucket) is kept for
 * {@link #MAX_AGE}: a load balancer's health checks every second from each of its workers must not
 * become as many requests to the store. While one caller probes, the others take the last answer.
 */
@ApplicationScoped
public class BlobStoreHealth {

    private static final Logger LOG = Logger.getLogger(BlobStoreHealth.class.getName());
    static final Duration MAX_AGE = Duration.ofSeconds(2);

    private record Probe(boolean up, long atNanos) {
    }

    @Inject
    BlobStore blobs;

    private final ReentrantLock probing = new ReentrantLock();
    private volatile Probe last;

    public boolean up() {
        Probe p = last;
        if (p != null && System.nanoTime() - p.atNanos() < MAX_AGE.toNanos()) {
            return p.up();
        }
        if (!probing.tryLock()) {
            return p == null || p.up();
        }
        try {
            p = last;
            if (p != null && System.nanoTime() - p.atNanos() < MAX_AGE.toNanos()) {
                return p.up();
            }
            boolean up;
            try {
                blobs.probe();
                up = true;
            } catch (StorageUnavailableException | RuntimeException e) {
                up = false;
                if (p == null || p.up()) {
                    LOG.log(Level.WARNING, "The blob store is unreachable: " + e.getMessage());
                }
            }
            if (up && p != null && !p.up()) {
                LOG.info("The blob store answers again");
            }
            last = new Probe(up, System.nanoTime());
            return up;
        } finally {
            probing.unlock();
        }
    }
}
