package cn.shenhe.storage;

import cn.shenhe.cluster.JobLeases;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Removes blobs no row names (a material picture, or a district's sample picture): left by a crash between the durable write and the commit, or by a
 * failed delete after one. Only blobs older than a grace period are considered, so an upload
 * between its write and its commit is never touched. This is a system task across all districts,
 * hence plain JDBC rather than the tenant-bound EntityManager; it reads only blob keys.
 */
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class.getName());
    static final Duration GRACE = Duration.ofHours(1);
    private static final Duration EVERY = Duration.ofHours(1);

    @Inject
    BlobStore blobs;
    @Inject
    JobLeases leases;
    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;
    private java.util.concurrent.ScheduledFuture<?> scheduled;

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // Hourly on every node, run by whichever holds the lease: once an hour across the cluster.
        scheduled = scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("orphan-sweep", EVERY.minusMinutes(1),
                () -> sweep(Instant.now().minus(GRACE))), 5, EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** A redeployed application's old instance must not go on running. */
    @jakarta.annotation.PreDestroy
    void stop() {
        if (scheduled != null) scheduled.cancel(false);
    }

    /** Deletes the unreferenced blobs last modified before {@code cutoff}; returns how many. */
    public int sweep(Instant cutoff) {
        List<String> candidates = new ArrayList<>();
        try {
            blobs.forEach(e -> {
                if (e.modified().isBefore(cutoff)) {
                    candidates.add(e.key());
                }
            });
            int removed = 0;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement q = c.prepareStatement("SELECT 1 FROM material_image WHERE blob_key = ?"
                         + " UNION ALL SELECT 1 FROM district_sample WHERE blob_key = ?"
                         // a search snapshot's parts: named by its prefix (a publish cut short leaves none that is)
                         + " UNION ALL SELECT 1 FROM search_snapshot WHERE ? LIKE blob_prefix || '/%'")) {
                for (String key : candidates) {
                    q.setString(1, key);
                    q.setString(2, key);
                    q.setString(3, key);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            blobs.delete(key);
                            removed++;
                        }
                    }
                }
            }
            if (removed > 0) {
                int n = removed;
                LOG.info(() -> "Orphan sweep removed " + n + " unreferenced blob(s)");
            }
            return removed;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Orphan sweep failed; it will run again", e);
            return 0;
        }
    }
}
