package cn.shenhe.material;

import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds what one person can make the server do with uploads. Each user has a bucket of uploads that
 * refills at a steady rate (a candidate uploads a few dozen pictures in a sitting; a script uploads
 * thousands), and each registration processes one upload at a time, taken in turn before decoding,
 * so one candidate's burst never holds every image worker. Refusals are 429 with {@code Retry-After}.
 *
 * <p>Both are per node: behind a balancer a user's limit is at most the nodes times this one, and two
 * uploads of one registration on two nodes are still serialised by the row lock where they are stored.
 */
@ApplicationScoped
public class UploadGate {

    /** Uploads a user may start in a burst. */
    @Inject
    @ConfigProperty(name = "shenhe.upload.rate.burst", defaultValue = "30")
    int burst;
    /** Steady uploads per minute per user, once the burst is spent. */
    @Inject
    @ConfigProperty(name = "shenhe.upload.rate.per-minute", defaultValue = "30")
    int perMinute;
    /** How long an upload waits for the one before it in the same registration. */
    @Inject
    @ConfigProperty(name = "shenhe.upload.registration-wait-seconds", defaultValue = "20")
    int registrationWaitSeconds;

    /** Nanoseconds; the unit test sets its own. */
    java.util.function.LongSupplier clock = System::nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /** @throws ProblemException 429 too-many-uploads when the user's bucket is empty */
    public void admit(String user) {
        long now = clock.getAsLong();
        forgetIdleBuckets(now);
        long waitNanos = buckets.computeIfAbsent(user, u -> new Bucket(burst, now)).take(now, burst, perMinute);
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
            throw Problem.TOO_MANY_UPLOADS.refuse(Map.of(Problem.RETRY_AFTER, seconds), seconds);
        }
    }

    /**
     * Drops buckets idle for 10 minutes once there are many, at most once a minute: a scan of every bucket
     * on every upload would cost the most exactly at a registration window's peak.
     */
    private void forgetIdleBuckets(long now) {
        long last = lastSweep.get();
        if (buckets.size() <= 50_000 || now - last < TimeUnit.MINUTES.toNanos(1) || !lastSweep.compareAndSet(last, now)) return;
        buckets.values().removeIf(b -> b.idleSince(now, TimeUnit.MINUTES.toNanos(10)));
    }

    /**
     * Waits for this registration's turn; close the result when the upload is stored or refused.
     *
     * @throws ProblemException 429 upload-in-progress when the upload before it takes too long
     */
    public Held turnOf(String registrationId) {
        Turn turn = turns.compute(registrationId, (id, t) -> {
            Turn mine = t == null ? new Turn() : t;
            mine.users++;
            return mine;
        });
        boolean acquired = false;
        try {
            acquired = turn.permit.tryAcquire(registrationWaitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!acquired) {
            leave(registrationId);
            throw Problem.UPLOAD_IN_PROGRESS.refuse(Map.of(Problem.RETRY_AFTER, 2));
        }
        return () -> {
            turn.permit.release();
            leave(registrationId);
        };
    }

    /** A registration's turn, held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Forgets a registration's turn once nobody waits for it, so the map holds only uploads in flight. */
    private void leave(String registrationId) {
        turns.computeIfPresent(registrationId, (id, t) -> --t.users == 0 ? null : t);
    }

    private static final class Turn {
        final Semaphore permit = new Semaphore(1, true);
        int users;   // guarded by the map's compute
    }

    /** A token bucket, refilled continuously. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        /** @return 0 when a token was taken, else the nanoseconds until one is there */
        synchronized long take(long now, int burst, int perMinute) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean idleSince(long now, long nanos) {
            return now - refilledAt > nanos;
        }
    }
}
