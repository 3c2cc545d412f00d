package cn.shenhe.bench;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.Management;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one request costs the server whatever it asks: {@code bench.threads} clients send the same
 * authenticated GETs ({@code bench.paths}, comma-separated, taken in turn; by default the national
 * admin's inbox, which answers from the token alone; {@code -Dbench.user=} sends none, e.g. for
 * {@code /ui-config}, to tell the token's share) for {@code bench.seconds}, after
 * {@code bench.warmup} seconds of the same. Prints requests/s, latency percentiles and the server's CPU
 * time per request (its {@code /metrics}, as the upload benchmark reads it): on a shared machine the
 * wall-clock numbers wait for cores, the CPU per request does not. Not a test:
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pbench -Dbench.main=cn.shenhe.bench.FixedCostBenchmark \
 *     [-Dbench.paths=/districts/bj/search?q=王 -Dbench.user=bj-district-reviewer -Dbench.threads=2 -Dbench.seconds=30]
 * </pre>
 * Profile the server meanwhile with JFR: {@code jcmd <pid> JFR.start duration=30s filename=fixed.jfr}.
 */
public final class FixedCostBenchmark {

    public static void main(String[] args) throws Exception {
        List<String> paths = Arrays.asList(System.getProperty("bench.paths", "/me/notifications").split(","));
        String user = System.getProperty("bench.user", "national-admin");
        int threads = Integer.getInteger("bench.threads", 1);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmUp = Integer.getInteger("bench.warmup", 20);
        // Keycloak's access tokens live 15 minutes: long enough for a run. No user (-Dbench.user=): no token at all.
        String token = user.isBlank() ? null : Keycloak.token(user, "demo");
        System.out.printf("Fixed-cost benchmark: GET %s as %s, %d thread(s), %d s after %d s of warm-up, server %s%n",
                paths, user, threads, seconds, warmUp, Api.V1);
        run(paths, token, threads, warmUp);
        double cpu0 = UploadBenchmark.serverCpuSeconds(Management.BASE);
        long t0 = System.nanoTime();
        long[] latencies = run(paths, token, threads, seconds);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = UploadBenchmark.serverCpuSeconds(Management.BASE) - cpu0;
        Arrays.sort(latencies);
        int n = latencies.length;
        System.out.printf("RESULT %,d requests, %.0f/s; latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; server CPU %.1f s = %.3f ms per request%n",
                n, n / wall, at(latencies, 50), at(latencies, 95), at(latencies, 99), cpu, cpu * 1e3 / n);
    }

    /** Every thread sends requests for {@code seconds}; returns each request's latency in nanoseconds. */
    private static long[] run(List<String> paths, String token, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> clients = java.util.stream.IntStream.range(0, threads).mapToObj(t -> pool.submit(() -> {
                long[] out = new long[1 << 16];
                int n = 0;
                for (int i = t; !stop.get(); i++) {
                    long s = System.nanoTime();
                    BlockingHttp.expect(200, "GET", Api.V1 + paths.get(i % paths.size()), token, null, null);
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = System.nanoTime() - s;
                }
                return Arrays.copyOf(out, n);
            })).toList();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long[] all = new long[0];
            for (Future<long[]> c : clients) {
                long[] l = c.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + l.length);
                System.arraycopy(l, 0, all, from, l.length);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double at(long[] sorted, int percentile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
