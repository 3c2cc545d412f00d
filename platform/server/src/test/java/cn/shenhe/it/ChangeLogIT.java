package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.JobLeases;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.persistence.Ids;
import cn.shenhe.search.SearchRequest;
import cn.shenhe.search.SearchService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the container, on H2 and on PostgreSQL: what another node writes (its rows and their
 * change-log rows, straight into the database, no event on this node) is searchable here within 2 s,
 * also when its transaction commits after a later one was read; another node's configuration change
 * is in force here within 2 s; a job's lease goes to one contender at a time.
 */
@ExtendWith(ArquillianExtension.class)
class ChangeLogIT {

    private static final long FRESH_MILLIS = 2000;

    @Deployment
    static WebArchive app() {
        return Deployments.application().addClass(ChangeLogIT.class).addClass(SearchCommentsIT.class);
    }

    @Inject
    SearchService search;
    @Inject
    DistrictDirectory districts;
    @Inject
    JobLeases leases;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;

    @Test
    void aRowThatCommitsLateIsNeverSkipped() throws Exception {
        String early = Ids.next();
        String late = Ids.next();
        try (Connection t1 = dataSource.getConnection(); Connection t2 = dataSource.getConnection()) {
            t1.setAutoCommit(false);
            t2.setAutoCommit(false);
            registered(t1, early, "早提交");   // T1 writes first (its transaction id is the lower one) ...
            registered(t2, late, "晚开始");
            t2.commit();                        // ... T2 commits first
            await(() -> found(late), "the later transaction's change");
            // The reader has read past T2's row while T1's was still invisible; T1 commits now.
            t1.commit();
            long t0 = System.nanoTime();
            await(() -> found(early), "the change that committed late");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < FRESH_MILLIS);
        }
    }

    @Test
    void aConfigurationChangedOnAnotherNodeIsInForceWithinTwoSeconds() throws Exception {
        var before = districts.current("tonline").orElseThrow();
        int next = before.version() + 1;
        try (Connection c = dataSource.getConnection();
             PreparedStatement v = c.prepareStatement("INSERT INTO district_config_version (id, district_id, version_no, document,"
                     + " author_sub, author_username, created_at, summary) VALUES (?, 'tonline', ?, ?, 'other-node', 'ChangeLogIT', ?, 'comment')");
             PreparedStatement log = c.prepareStatement("INSERT INTO change_log (district_id, kind) VALUES ('tonline', ?)")) {
            c.setAutoCommit(false);
            v.setString(1, Ids.next());
            v.setInt(2, next);
            v.setString(3, before.document() + "\n# changed on another node\n");
            v.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            v.executeUpdate();
            log.setString(1, ChangeLog.CONFIG_CHANGED);
            log.executeUpdate();
            c.commit();
        }
        long t0 = System.nanoTime();
        await(() -> districts.current("tonline").orElseThrow().version() == next, "configuration version " + next);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < FRESH_MILLIS);
    }

    @Test
    void aLeaseHasOneHolderUntilItExpires() throws Exception {
        String job = "it-job-" + Ids.next();
        Duration lease = Duration.ofSeconds(30);
        Instant t = Instant.now();
        assertTrue(leases.tryAcquire(job, "node-a", lease, t), "the first asks: takes it");
        assertFalse(leases.tryAcquire(job, "node-b", lease, t.plusSeconds(1)), "held by node-a");
        assertTrue(leases.tryAcquire(job, "node-a", lease, t.plusSeconds(20)), "node-a renews it (to t+50 s)");
        assertFalse(leases.tryAcquire(job, "node-b", lease, t.plusSeconds(40)), "renewed: still node-a's");
        assertTrue(leases.tryAcquire(job, "node-b", lease, t.plusSeconds(51)), "expired: node-b takes it");
        assertFalse(leases.tryAcquire(job, "node-a", lease, t.plusSeconds(52)), "now node-b's");
    }

    @Test
    void aJobSlowerThanItsLeaseKeepsItWhileItRuns() throws Exception {
        String job = "it-slow-" + Ids.next();
        Duration lease = Duration.ofSeconds(2);
        List<Boolean> othersTook = new ArrayList<>();
        boolean ran = leases.runExclusively(job, lease, () -> {
            try {
                // 5 s of work under a 2 s lease: another node asks every half second while it runs
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(500);
                    othersTook.add(leases.tryAcquire(job, "node-other", lease, Instant.now()));
                }
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(ran);
        assertEquals(List.of(false, false, false, false, false, false, false, false, false, false), othersTook,
                "the lease stays with the running job");
        await(() -> {
            try {
                return leases.tryAcquire(job, "node-other", lease, Instant.now());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "the lease lapses once the job ended", 5000);
    }

    @Test
    void contendersAtOnceGetOneLease() throws Exception {
        for (String job : List.of("it-race-" + Ids.next(), "it-race-" + Ids.next())) {
            int n = 8;
            Instant t = Instant.now();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<Boolean>> won = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String holder = "node-" + i;
                    won.add(pool.submit((Callable<Boolean>) () -> {
                        start.await();
                        return leases.tryAcquire(job, holder, Duration.ofMinutes(1), t);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : won) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, job);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void registered(Connection c, String registration, String name) throws SQLException {
        SearchCommentsIT.registered(c, registration, name);
        SearchCommentsIT.logged(c, registration);
    }

    private boolean found(String registration) {
        return search.search("bj", SearchRequest.of(registration)).total() == 1;
    }

    /** Polls (never a fixed sleep) until the condition holds, for at most the 2 s promised. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, what, FRESH_MILLIS);
    }

    private static void await(BooleanSupplier condition, String what, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not seen within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }
}
