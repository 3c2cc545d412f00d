package cn.shenhe.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Periodic jobs on one node at a time: a job runs where its lease row is held. A lease is taken by an
 * UPDATE that matches only an expired lease or the holder's own (the database's row lock decides
 * between nodes asking at once), or by inserting the job's first row (a duplicate key: someone else
 * has it). While the job runs its holder renews the lease every third of it, so a job slower than
 * its lease (a sweep of a large bucket) is never started on a second node meanwhile. It is not given
 * back: it lapses, so a job runs at most once per lease across the cluster, and a node that dies
 * holding it is replaced when it expires. Times are the nodes' clocks: leases are minutes long,
 * clocks are seconds apart at worst.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class.getName());

    @Inject
    NodeId node;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Runs the job here if this node holds (or takes) its lease for {@code lease}; returns whether it ran. */
    public boolean runExclusively(String job, Duration lease, Runnable task) {
        try {
            if (!tryAcquire(job, node.get(), lease, Instant.now())) {
                return false;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Lease of job " + job + " not taken; the job waits for its next turn", e);
            return false;
        }
        long every = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleWithFixedDelay(() -> renew(job, lease), every, every, TimeUnit.MILLISECONDS);
        try {
            task.run();
        } finally {
            renewal.cancel(false);
        }
        return true;
    }

    private void renew(String job, Duration lease) {
        try {
            if (!tryAcquire(job, node.get(), lease, Instant.now())) {
                // Only a node paused past its lease gets here: another node may now run the job too.
                LOG.warning(() -> "Lease of job " + job + " lost while the job runs here");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Lease of job " + job + " not renewed; the next turn tries again", e);
        }
    }

    /** Takes or renews {@code job}'s lease for {@code holder} until {@code now + lease}, unless another holder's lease is still running. */
    public boolean tryAcquire(String job, String holder, Duration lease, Instant now) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime until = at.plus(lease);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement take = c.prepareStatement(
                    "UPDATE job_lease SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at <= ? OR holder = ?)")) {
                take.setString(1, holder);
                take.setObject(2, until);
                take.setString(3, job);
                take.setObject(4, at);
                take.setString(5, holder);
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement first = c.prepareStatement("INSERT INTO job_lease (name, holder, expires_at) SELECT ?, ?, ?"
                    + " WHERE NOT EXISTS (SELECT 1 FROM job_lease WHERE name = ?)")) {
                first.setString(1, job);
                first.setString(2, holder);
                first.setObject(3, until);
                first.setString(4, job);
                return first.executeUpdate() == 1;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {   // inserted by another node just now
                    return false;
                }
                throw e;
            }
        }
    }
}
