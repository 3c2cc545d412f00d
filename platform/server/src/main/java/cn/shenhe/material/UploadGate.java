package cn.shenhe.material;

import cn.shenhe.problem.DatabaseOutage;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds what one person can make the server do with uploads. Each user has a bucket of uploads that
 * refills at a steady rate (a candidate uploads a few dozen pictures in a sitting; a script uploads
 * thousands), and each registration processes one upload at a time, taken in turn before decoding,
 * so one candidate's burst never holds every image worker. Refusals are 429 with {@code Retry-After}.
 *
 * <p>Both are kept here in memory, and on PostgreSQL (several nodes behind a balancer) also in the database
 * ({@link SharedUploadLimits}): the memory is the cheap first check (an upload it refuses costs no query,
 * and a registration's uploads on one node queue here, not in the database), the database the one that
 * holds across nodes. If the database cannot answer the rate check, the node's own bucket decides.
 */
@ApplicationScoped
public class UploadGate {

    private static final Logger LOG = Logger.getLogger(UploadGate.class.getName());

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

    @Inject
    SharedUploadLimits shared;

    /** Nanoseconds; the unit test sets its own. */
    java.util.function.LongSupplier clock = System::nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /** @throws ProblemException 429 too-many-uploads when the user's bucket is empty */
    public void admit(String user) {
        long now = clock.getAsLong();
        forgetIdleBuckets(now);
        Bucket bucket = buckets.computeIfAbsent(user, u -> new Bucket(burst, now));
        long waitNanos = bucket.take(now, burst, perMinute);
        if (waitNanos > 0) {
            throw tooMany(waitNanos);
        }
        if (shared == null || !shared.enabled()) {
            return;
        }
        try {
            waitNanos = shared.take(user, burst, perMinute);
        } catch (SQLException e) {
            if (DatabaseOutage.is(e)) throw DatabaseOutage.problem();
            LOG.log(Level.WARNING, "Shared upload limit not checked; this node's own decides", e);
            return;
        }
        if (waitNanos > 0) {
            bucket.giveBack(burst);   // not used: this node's bucket must not run dry before the shared one
            throw tooMany(waitNanos);
        }
    }

    /**
     * Returns the user's upload admitted by {@link #admit} when the server failed it (a 5xx: storage or database
     * away, a fault): a candidate retrying through an outage must not find the limit spent by it.
     */
    public void giveBack(String user) {
        Bucket bucket = buckets.get(user);
        if (bucket != null) bucket.giveBack(burst);
        if (shared == null || !shared.enabled()) return;
        try {
            shared.giveBack(user, perMinute);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Shared upload allowance not given back (the database is away): it refills", e);
        }
    }

    private static ProblemException tooMany(long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
        return Problem.TOO_MANY_UPLOADS.refuse(Map.of(Problem.RETRY_AFTER, seconds), seconds);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(registrationWaitSeconds);
        Held here = localTurnOf(registrationId);
        if (shared == null || !shared.enabled()) {
            return here;
        }
        try {
            // then across nodes, with what is left of the wait: one node's queue waits here, not in the database
            Optional<Held> everywhere = shared.turnOf(registrationId, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (everywhere.isPresent()) {
                Held there = everywhere.get();
                return () -> {
                    try (here) {
                        there.close();
                    }
                };
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            if (!DatabaseOutage.is(e)) {
                LOG.log(Level.WARNING, "Shared upload turn not taken; this node's own holds (the store's row lock still serialises)", e);
                return here;
            }
            here.close();
            throw DatabaseOutage.problem();
        } catch (RuntimeException e) {
            here.close();
            throw e;
        }
        here.close();
        throw inProgress();
    }

    private static ProblemException inProgress() {
        return Problem.UPLOAD_IN_PROGRESS.refuse(Map.of(Problem.RETRY_AFTER, 2));
    }

    /** This node's turn: uploads of one registration on this node queue here, fairly. */
    private Held localTurnOf(String registrationId) {
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
            throw inProgress();
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

        /** Returns a token taken by {@link #take} for an upload that was not admitted after all. */
        synchronized void giveBack(int burst) {
            tokens = Math.min(burst, tokens + 1);
        }

        synchronized boolean idleSince(long now, long nanos) {
            return now - refilledAt > nanos;
        }
    }
}
