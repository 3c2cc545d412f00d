package cn.shenhe.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each node's row in {@code cluster_node}: seen every {@value #BEAT_SECONDS} s, with the lowest log
 * position its indexes would resume from. One node at a time (lease) prunes the log below every
 * live node's position and every district's newest search snapshot; a live node with no position
 * yet holds all of it. A node silent for longer than {@code shenhe.changelog.node-timeout-hours}
 * no longer holds the log back: when it returns, an index of its behind the pruned log starts again
 * from the newest snapshot, or is rebuilt without one.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());
    static final long BEAT_SECONDS = 10;
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    @Inject
    NodeId node;
    @Inject
    ChangeLog log;
    @Inject
    JobLeases leases;
    @Inject
    Instance<DurablePosition> readers;
    @Inject
    @ConfigProperty(name = "shenhe.changelog.node-timeout-hours", defaultValue = "24")
    long nodeTimeoutHours;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        scheduled.add(scheduler.scheduleWithFixedDelay(this::beat, 1, BEAT_SECONDS, TimeUnit.SECONDS));
        scheduled.add(scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("change-log-prune", PRUNE_EVERY.minusSeconds(30),
                this::prune), PRUNE_EVERY.toMinutes(), PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES));
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(f -> f.cancel(false));
    }

    void beat() {
        OptionalLong position = readers.stream().map(DurablePosition::durablePosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE cluster_node SET log_position = ?, seen_at = ? WHERE node_id = ?")) {
            bindPosition(update, 1, position);
            update.setObject(2, now);
            update.setString(3, node.get());
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO cluster_node (log_position, seen_at, node_id) VALUES (?, ?, ?)")) {
                    bindPosition(insert, 1, position);
                    insert.setObject(2, now);
                    insert.setString(3, node.get());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Heartbeat not written", e);
        }
    }

    /** Deletes log rows below every live node's position and every district's newest search snapshot; returns how many. */
    int prune() {
        OffsetDateTime live = OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofHours(nodeTimeoutHours)), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT MIN(log_position), COUNT(*) - COUNT(log_position) FROM cluster_node WHERE seen_at > ?")) {
            q.setObject(1, live);
            long below;
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                below = rs.getLong(1);
                if (rs.wasNull() || rs.getLong(2) > 0) {
                    return 0;   // a live node without a position yet (still opening its indexes): keep everything
                }
            }
            below = Math.min(below, newestSnapshotsFloor(c).orElse(below));
            long floor = below;
            int n = log.prune(floor);
            LOG.fine(() -> "Change log pruned below " + floor + ": " + n + " row(s)");
            return n;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Change log not pruned; trying again later", e);
            return 0;
        }
    }

    /** A node that starts from a district's newest search snapshot reads the log from its position on. */
    private static OptionalLong newestSnapshotsFloor(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT MIN(log_position) FROM search_snapshot");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(min);
        }
    }

    private static void bindPosition(PreparedStatement ps, int i, OptionalLong position) throws SQLException {
        if (position.isPresent()) {
            ps.setLong(i, position.getAsLong());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }
}
