package cn.shenhe.material;

import cn.shenhe.cluster.JobLeases;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link UploadGate}'s two limits held in PostgreSQL, so that they hold across nodes behind a balancer: a
 * user's upload rate as one row per user ({@code upload_bucket}), taken by one atomic statement, and a
 * registration's "one upload at a time" as a leased row ({@code upload_turn}), taken from before decoding until
 * the upload is stored or refused. On by default on PostgreSQL (the database of several nodes:
 * {@code shenhe.upload.shared-limits=auto}); H2 is one node, where the gate's memory is the whole truth and
 * nothing here runs.
 *
 * <p>The turn is a row, not a lock held by an open transaction (an advisory lock, {@code FOR UPDATE NOWAIT}):
 * that would hold a pooled connection through the whole upload, queue included, beside the one the upload's
 * store takes, and a registration window's peak of uploads waiting for image workers would empty the pool for
 * every request. A row costs two statements (taken, given back) and no connection in between; a node that dies
 * holding one leaves it to lapse ({@value #TURN_LEASE_SECONDS} s, over the pipeline's 30 s time-out): meanwhile
 * that registration's uploads wait and get {@code 429 upload-in-progress}, and the candidate tries again.
 *
 * <p>The rate is a GCRA, the token bucket written as one time per user: the "theoretical arrival time"
 * ({@code tat_micros}, database clock, so nodes' clocks never matter). An upload at {@code now} is
 * admitted when {@code max(tat, now) - now <= (burst - 1) * interval}, and moves tat one interval on:
 * the same burst and steady rate as the gate's in-memory bucket.
 */
@ApplicationScoped
public class SharedUploadLimits {

    private static final Logger LOG = Logger.getLogger(SharedUploadLimits.class.getName());
    private static final String NOW_MICROS = "(EXTRACT(EPOCH FROM statement_timestamp()) * 1000000)::bigint";
    /** Admits and moves tat on, or updates nothing (no row returned) when the user is over the limit. */
    private static final String TAKE = "INSERT INTO upload_bucket AS b (subject, tat_micros) VALUES (?, " + NOW_MICROS + " + ?)"
            + " ON CONFLICT (subject) DO UPDATE SET tat_micros = GREATEST(b.tat_micros, EXCLUDED.tat_micros - ?) + ?"
            + " WHERE GREATEST(b.tat_micros, EXCLUDED.tat_micros - ?) <= EXCLUDED.tat_micros - ? + ?"   // EXCLUDED.tat - interval = now
            + " RETURNING tat_micros";
    private static final String AHEAD = "SELECT tat_micros - " + NOW_MICROS + " FROM upload_bucket WHERE subject = ?";
    static final long TURN_LEASE_SECONDS = 60;
    /**
     * Takes the registration's turn unless another holder's lease is running, or the holder is of this node (its
     * prefix): the caller holds the node's own turn of the registration, so a row of this node's is one whose
     * give-back failed (the database went away mid-upload), not an upload in progress. A row back means taken.
     */
    private static final String TURN = "INSERT INTO upload_turn AS t (registration_id, holder, until_micros) VALUES (?, ?, " + NOW_MICROS + " + ?)"
            + " ON CONFLICT (registration_id) DO UPDATE SET holder = EXCLUDED.holder, until_micros = EXCLUDED.until_micros"
            + " WHERE t.until_micros <= EXCLUDED.until_micros - ? OR t.holder LIKE ?"   // lapsed (until <= now), or ours
            + " RETURNING holder";
    private static final String TURN_END = "DELETE FROM upload_turn WHERE registration_id = ? AND holder = ?";

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Inject
    JobLeases leases;
    @Resource
    ManagedScheduledExecutorService scheduler;
    /** {@code auto} (on with PostgreSQL), {@code on}, {@code off}. */
    @Inject
    @ConfigProperty(name = "shenhe.upload.shared-limits", defaultValue = "auto")
    String mode;

    private volatile Boolean enabled;
    private ScheduledFuture<?> pruning;

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (enabled()) {
            // rows that mean nothing any more, dropped now and then by one node
            pruning = scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("upload-bucket-prune", Duration.ofMinutes(9),
                    this::prune), 10, 10, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (pruning != null) pruning.cancel(false);
    }

    public boolean enabled() {
        Boolean on = enabled;
        if (on == null) {
            on = switch (mode.trim().toLowerCase()) {
                case "on", "true" -> Boolean.TRUE;   // Boolean arms: a null (cannot tell yet) must not unbox
                case "off", "false" -> Boolean.FALSE;
                default -> onPostgreSql();
            };
            if (on == null) {
                return false;   // the database cannot say now: this node's limits alone, and ask again next time
            }
            enabled = on;
            LOG.info("Upload limits shared across nodes (shenhe.upload.shared-limits=" + mode + "): " + on);
        }
        return on;
    }

    /**
     * Takes one upload from the user's shared allowance.
     *
     * @return 0 when taken, else the nanoseconds until the user may upload again
     */
    public long take(String user, int burst, int perMinute) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return take(c, user, burst, perMinute);
        }
    }

    /** {@link #take(String, int, int)} on a given connection (autocommit); the benchmark measures it so. */
    public static long take(Connection c, String user, int burst, int perMinute) throws SQLException {
        long interval = interval(perMinute);
        long tolerance = (long) (Math.max(1, burst) - 1) * interval;
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, user);
            ps.setLong(2, interval);
            ps.setLong(3, interval);
            ps.setLong(4, interval);
            ps.setLong(5, interval);
            ps.setLong(6, interval);
            ps.setLong(7, tolerance);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return 0;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(AHEAD)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                long ahead = rs.next() ? rs.getLong(1) : 0;
                return TimeUnit.MICROSECONDS.toNanos(Math.max(1, ahead - tolerance));
            }
        }
    }

    /** Returns the upload {@link #take} took, for one the server failed (a 5xx): its fault costs the user nothing. */
    public void giveBack(String user, int perMinute) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            giveBack(c, user, perMinute);
        }
    }

    static void giveBack(Connection c, String user, int perMinute) throws SQLException {
        // tat below now is read as now (GREATEST in TAKE): giving back never makes the burst larger
        try (PreparedStatement ps = c.prepareStatement("UPDATE upload_bucket SET tat_micros = tat_micros - ? WHERE subject = ?")) {
            ps.setLong(1, interval(perMinute));
            ps.setString(2, user);
            ps.executeUpdate();
        }
    }

    private static long interval(int perMinute) {
        return Math.max(1, 60_000_000L / Math.max(1, perMinute));
    }

    /**
     * Waits up to {@code waitMillis} for the registration's turn across nodes; the turn lasts until the result is
     * closed (or its lease lapses). The caller holds this node's own turn of the registration ({@link UploadGate}).
     *
     * @return empty when another node's upload of the registration held it all that time
     */
    public Optional<UploadGate.Held> turnOf(String registrationId, long waitMillis) throws SQLException, InterruptedException {
        String holder = instance + UUID.randomUUID();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (long pause = 10; ; pause = Math.min(100, pause * 2)) {
            try (Connection c = dataSource.getConnection()) {
                if (tryTurn(c, registrationId, holder, turnLeaseMicros)) {
                    return Optional.of(() -> endTurn(registrationId, holder));
                }
            }
            // held elsewhere: rare (the same registration on two nodes at once), so polling costs little
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) return Optional.empty();
            Thread.sleep(pause);
        }
    }

    /** This node's prefix of a turn's holder (a new one at each start: an earlier run's rows lapse). */
    private final String instance = java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextLong()) + "/";   // + a UUID: 53 of the column's 64

    /** The lease of a turn, in microseconds; the test shortens it. */
    long turnLeaseMicros = TimeUnit.SECONDS.toMicros(TURN_LEASE_SECONDS);

    /** Takes the turn for {@code holder} on {@code c} (autocommit) unless another's lease runs; the benchmark measures it so. */
    public static boolean tryTurn(Connection c, String registrationId, String holder, long leaseMicros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TURN)) {
            ps.setString(1, registrationId);
            ps.setString(2, holder);
            ps.setLong(3, leaseMicros);
            ps.setLong(4, leaseMicros);
            int slash = holder.lastIndexOf('/');
            ps.setString(5, slash < 0 ? holder : holder.substring(0, slash + 1) + "%");   // no node prefix: its own row only
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Gives the turn back (only if still this holder's: a lapsed lease may have passed to another). */
    public static void endTurn(Connection c, String registrationId, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TURN_END)) {
            ps.setString(1, registrationId);
            ps.setString(2, holder);
            ps.executeUpdate();
        }
    }

    private void endTurn(String registrationId, String holder) {
        try (Connection c = dataSource.getConnection()) {
            endTurn(c, registrationId, holder);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Upload turn of " + registrationId + " not given back: it lapses in " + TURN_LEASE_SECONDS + " s", e);
        }
    }

    /** Drops full buckets (a passed tat, as no row) and lapsed turns (of a node that died holding them). */
    int prune() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement buckets = c.prepareStatement("DELETE FROM upload_bucket WHERE tat_micros < " + NOW_MICROS);
             PreparedStatement turns = c.prepareStatement("DELETE FROM upload_turn WHERE until_micros < " + NOW_MICROS)) {
            return buckets.executeUpdate() + turns.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Upload buckets not pruned; trying again later", e);
            return 0;
        }
    }

    private Boolean onPostgreSql() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Cannot tell the database's kind yet", e);
            return null;
        }
    }
}
