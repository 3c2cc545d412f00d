package cn.shenhe.material;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the shared upload limits cost per upload (issue 14 §3): the rate statement and a registration's turn
 * (taken and given back), on the real PostgreSQL, one connection each as a node's pool lends them. CPU of this thread (the node's side: driver, statements) and of the two database backends
 * ({@code /proc/<pid>/stat}, PostgreSQL runs on this machine), divided by the uploads. Not a test:
 * <pre>
 * ./mvnw -q -o -pl platform/benchmarks -am test-compile -Pbench -Dbench.main=cn.shenhe.material.SharedUploadLimitsBenchmark [-Dbench.seconds=20] [-Dbench.logged=true]
 * </pre>
 * Its schema is SharedUploadLimitsTest's ({@code <it.db.schema>_upload_limits}, made afresh), with the server's own
 * migrations of those tables read from its classes (unlogged since V17; {@code -Dbench.logged=true}: as before it).
 */
public final class SharedUploadLimitsBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        String schema = System.getProperty("it.db.schema", "shenhe_it") + "_upload_limits";
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        dataSource.setUser("postgres");
        SharedUploadLimitsTest.tables(dataSource, schema);
        if (Boolean.getBoolean("bench.logged")) {   // as before V17: every commit waits for its WAL flush
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE upload_bucket SET LOGGED");
                s.execute("ALTER TABLE upload_turn SET LOGGED");
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Connection rate = dataSource.getConnection(); Connection turn = dataSource.getConnection()) {
            long[] pids = {backendPid(rate), backendPid(turn)};
            // warm-up: JIT, the backends' plans and caches
            run(rate, turn, System.nanoTime() + 5_000_000_000L);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long db0 = ticks(pids);
            long t0 = System.nanoTime();
            long n = run(rate, turn, t0 + seconds * 1_000_000_000L);
            long wall = System.nanoTime() - t0;
            double node = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
            double db = (ticks(pids) - db0) * 10_000.0 / n;   // 100 ticks a second
            System.out.printf("Shared upload limits: %d uploads in %.1f s; per upload %.0f µs of wall time, CPU: node %.0f µs, "
                            + "database %.0f µs (10 ms ticks), total %.0f µs; load average %s%n",
                    n, wall / 1e9, wall / 1e3 / n, node, db, node + db, Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    /** Uploads of 1000 users in turn (rows updated, as in a registration window), each with its registration's turn. */
    private static long run(Connection rate, Connection turn, long until) throws Exception {
        long n = 0;
        while (System.nanoTime() < until) {
            if (SharedUploadLimits.take(rate, "bench-" + (n % 1000), 1_000_000, 1_000_000) != 0) {
                throw new IllegalStateException("refused");
            }
            String registration = "bench-registration-" + (n % 1000);
            if (!SharedUploadLimits.tryTurn(turn, registration, "bench", 60_000_000)) {
                throw new IllegalStateException("no turn");
            }
            SharedUploadLimits.endTurn(turn, registration, "bench");
            n++;
        }
        return n;
    }

    private static long backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** utime + stime of the processes, in clock ticks. */
    private static long ticks(long[] pids) throws Exception {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);   // fields 14 and 15 of stat(5)
        }
        return sum;
    }
}
