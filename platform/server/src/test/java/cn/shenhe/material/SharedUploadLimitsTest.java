package cn.shenhe.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared limits' SQL on the real PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of this test's
 * own), with two connections (or two instances) standing for two nodes. The same statements run in ClusterIT behind HAProxy.
 */
class SharedUploadLimitsTest {

    static final String SCHEMA = System.getProperty("it.db.schema", "shenhe_it") + "_upload_limits";
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        dataSource = dataSource(SCHEMA);
        tables(dataSource, SCHEMA);
    }

    /** Makes the tables afresh in {@code schema}, by the server's own migrations of them (also the benchmark's). */
    static void tables(PGSimpleDataSource dataSource, String schema) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute("DROP TABLE IF EXISTS upload_bucket, upload_turn");
            for (String migration : List.of("common/V16__upload_limits.sql", "postgresql/V17__upload_limits_unlogged.sql")) {
                try (InputStream sql = SharedUploadLimits.class.getResourceAsStream("/db/migration/" + migration)) {
                    s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        ds.setUser("postgres");
        return ds;
    }

    static SharedUploadLimits limits() {
        SharedUploadLimits limits = new SharedUploadLimits();
        limits.dataSource = dataSource;
        limits.mode = "auto";
        return limits;
    }

    @Test
    void theTablesAreUnloggedSoTheirCommitsWaitForNoWalFlush() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT c.relname, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = '" + SCHEMA + "' AND c.relname IN ('upload_bucket', 'upload_turn') ORDER BY c.relname")) {
            for (String table : List.of("upload_bucket", "upload_turn")) {
                assertTrue(r.next(), table);
                assertEquals(table + " u", r.getString(1) + " " + r.getString(2));
            }
        }
    }

    @Test
    void anUploadGivenBackIsOneMoreAndNeverMoreThanTheBurst() throws SQLException {
        try (Connection a = dataSource.getConnection()) {
            for (int i = 0; i < 3; i++) assertEquals(0, SharedUploadLimits.take(a, "dave", 3, 1));   // one a minute after the burst
            assertTrue(SharedUploadLimits.take(a, "dave", 3, 1) > 0, "burst spent");
            SharedUploadLimits.giveBack(a, "dave", 1);   // the last one failed on the server
            assertEquals(0, SharedUploadLimits.take(a, "dave", 3, 1), "given back");
            assertTrue(SharedUploadLimits.take(a, "dave", 3, 1) > 0);
            for (int i = 0; i < 5; i++) SharedUploadLimits.giveBack(a, "dave", 1);
            for (int i = 0; i < 3; i++) assertEquals(0, SharedUploadLimits.take(a, "dave", 3, 1));
            assertTrue(SharedUploadLimits.take(a, "dave", 3, 1) > 0, "never more than the burst");
        }
    }

    @Test
    void twoNodesShareOneBurstThenTheSteadyRate() throws SQLException {
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(0, SharedUploadLimits.take(i % 2 == 0 ? a : b, "alice", 5, 60), "upload " + (i + 1) + " of the burst");
            }
            long wait = SharedUploadLimits.take(b, "alice", 5, 60);
            assertTrue(wait > 0 && wait <= TimeUnit.SECONDS.toNanos(1), "a token a second: wait " + wait + " ns");
            assertTrue(SharedUploadLimits.take(a, "alice", 5, 60) > 0, "refused on the other node too");
            assertEquals(0, SharedUploadLimits.take(a, "bob", 5, 60), "per user");
        }
    }

    @Test
    void aRefusedUploadTakesNothingAndTheBucketRefills() throws Exception {
        try (Connection a = dataSource.getConnection()) {
            for (int i = 0; i < 3; i++) assertEquals(0, SharedUploadLimits.take(a, "carol", 3, 6000));   // a token every 10 ms
            int refused = 0;
            while (SharedUploadLimits.take(a, "carol", 3, 6000) > 0) refused++;   // refusals do not push the time back
            assertTrue(refused < 1000, refused + " refusals before the next token");
            Thread.sleep(40);
            assertEquals(0, SharedUploadLimits.take(a, "carol", 3, 6000), "refilled");
        }
    }

    @Test
    void oneUploadOfARegistrationAtATimeAcrossNodes() throws Exception {
        SharedUploadLimits nodeA = limits(), nodeB = limits();
        Optional<UploadGate.Held> first = nodeA.turnOf("reg-1", 1000);
        assertTrue(first.isPresent());
        long t0 = System.nanoTime();
        Optional<UploadGate.Held> second = CompletableFuture.supplyAsync(() -> turn(nodeB, "reg-1", 300)).get(10, TimeUnit.SECONDS);
        assertTrue(second.isEmpty(), "held by the other node");
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200), "waited for it first");
        try (UploadGate.Held other = nodeB.turnOf("reg-2", 1000).orElseThrow()) {
            // another registration is not held back
        }
        // given back when closed: the waiting node gets it
        CompletableFuture<Optional<UploadGate.Held>> waiting = CompletableFuture.supplyAsync(() -> turn(nodeB, "reg-1", 5000));
        Thread.sleep(100);
        first.get().close();
        try (UploadGate.Held taken = waiting.get(10, TimeUnit.SECONDS).orElseThrow()) {
            assertTrue(nodeA.turnOf("reg-1", 50).isEmpty(), "now node B has it");
        }
        assertTrue(nodeA.turnOf("reg-1", 50).isPresent(), "and gave it back");
    }

    @Test
    void aTurnHeldByANodeThatDiedLapses() throws Exception {
        SharedUploadLimits dead = limits(), alive = limits();
        dead.turnLeaseMicros = TimeUnit.MILLISECONDS.toMicros(300);
        assertTrue(dead.turnOf("reg-3", 100).isPresent());   // never closed: its node died
        long t0 = System.nanoTime();
        try (UploadGate.Held taken = alive.turnOf("reg-3", 5000).orElseThrow()) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 150, "taken once the lease lapsed, after " + waited + " ms");
        }
    }

    @Test
    void aTurnThisNodeCouldNotGiveBackIsItsOwnAgainAtOnce() throws Exception {
        SharedUploadLimits nodeA = limits(), nodeB = limits();
        // never closed: the database went away before the give-back (its node, which holds its own turn, lives on)
        assertTrue(nodeA.turnOf("reg-4", 100).isPresent());
        assertTrue(turn(nodeB, "reg-4", 100).isEmpty(), "another node still waits for the lease");
        long t0 = System.nanoTime();
        try (UploadGate.Held again = nodeA.turnOf("reg-4", 100).orElseThrow()) {
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "taken back without waiting for the lease");
        }
        assertTrue(turn(nodeB, "reg-4", 1000).isPresent(), "and given back for good");
    }

    private static Optional<UploadGate.Held> turn(SharedUploadLimits node, String registration, long waitMillis) {
        try {
            return node.turnOf(registration, waitMillis);
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
