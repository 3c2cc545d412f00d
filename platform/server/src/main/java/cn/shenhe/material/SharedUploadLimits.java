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
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link UploadGate}'s two limits held in PostgreSQL, so that they hold across nodes behind a balancer: a
 * user's upload rate as one row per user ({@code upload_bucket}), taken by one atomic statement, and a
 * registration's "one upload at a time" as a PostgreSQL advisory lock held, by a transaction of its own,
 * from before decoding until the upload is stored or refused. On by default on PostgreSQL (the database of
 * several nodes: {@code shenhe.upload.shared-limits=auto}); H2 is one node, where the gate's memory is the
 * whole truth and nothing here runs.
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
    /** A registration's turn: 64-bit hash of its id (a collision only makes two registrations take turns). */
    private static final String TURN = "SELECT pg_advisory_xact_lock(hashtextextended(?, 14))";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

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
            // a row whose tat has passed is a full bucket, as no row: dropped now and then, by one node
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
                case "on", "true" -> true;
                case "off", "false" -> false;
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
        long interval = Math.max(1, 60_000_000L / Math.max(1, perMinute));
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

    /**
     * Waits up to {@code waitMillis} for the registration's turn across nodes; the turn lasts until the result is
     * closed (or the node dies: its connection, and so the lock, goes with it).
     *
     * @return empty when another node's upload of the registration held it all that time
     */
    public Optional<UploadGate.Held> turnOf(String registrationId, long waitMillis) throws SQLException {
        Connection c = dataSource.getConnection();
        boolean held;
        try {
            held = hold(c, registrationId, waitMillis);
        } catch (SQLException | RuntimeException e) {
            end(c);
            throw e;
        }
        if (!held) {
            end(c);
            return Optional.empty();
        }
        return Optional.of(() -> end(c));
    }

    /**
     * Takes the registration's turn in a transaction of its own on {@code c} (held until {@code c} rolls back);
     * the benchmark measures it so.
     *
     * @return false when {@code waitMillis} passed first
     */
    public static boolean hold(Connection c, String registrationId, long waitMillis) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + Math.max(1, waitMillis));   // this transaction only
        }
        try (PreparedStatement ps = c.prepareStatement(TURN)) {
            ps.setString(1, registrationId);
            ps.execute();
            return true;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Ends the turn's transaction (the lock goes with it) and gives the connection back. */
    private static void end(Connection c) {
        try (c) {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Upload turn's connection closed with an error (its lock ends with its session)", e);
        }
    }

    int prune() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM upload_bucket WHERE tat_micros < " + NOW_MICROS)) {
            return ps.executeUpdate();
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
