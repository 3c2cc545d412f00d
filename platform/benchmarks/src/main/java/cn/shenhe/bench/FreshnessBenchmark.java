package cn.shenhe.bench;

import cn.shenhe.it.Keycloak;
import cn.shenhe.it.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How soon a change committed on one node is searchable on another (issue 12 §4; goal p95 ≤ 1 s), under
 * an upload load through the balancer. Not a test: run it on demand against {@code scripts/cluster.sh up}:
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pbench -Dbench.main=cn.shenhe.bench.FreshnessBenchmark \
 *     [-Dbench.http.port=9180 -Dbench.nodes=9181,9182 -Dbench.threads=3 -Dbench.seconds=60]
 * </pre>
 * {@code bench.threads} candidates upload and delete pictures through the balancer without pause; every
 * 250 ms a probe registers a new candidate on node A (the 201 comes after the commit) and polls node B's
 * search for the registration every 5 ms as the district's administrator. Prints p50, p95 and the
 * maximum, and the load's uploads/s.
 */
public final class FreshnessBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int lb = Integer.getInteger("it.http.port", 9180);
        String[] nodes = System.getProperty("bench.nodes", "9181,9182").split(",");
        int a = Integer.parseInt(nodes[0].strip());
        int b = Integer.parseInt(nodes[1].strip());
        int threads = Integer.getInteger("bench.threads", 3);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int probes = seconds * 4;

        String admin = Keycloak.createUser("district-admin", "bj", null).token();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < probes; i++) candidates.add(Keycloak.createUser("candidate", "bj", null).token());
        System.out.printf("[freshness] %d probe candidates made; load: %d uploaders through :%d; probes: commit on :%d, search on :%d%n",
                probes, threads, lb, a, b);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong uploads = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>();
        ExecutorService load = Executors.newFixedThreadPool(threads);
        byte[] photo = TestImages.jpeg(1000, 750);
        for (int t = 0; t < threads; t++) {
            String token = Keycloak.createUser("candidate", "bj", null).token();
            String r = id(send(lb, token, "POST", "/api/v1/districts/bj/registrations", "application/json",
                    "{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}".getBytes()));
            load.submit(() -> {
                while (running.get()) {
                    String up = send(lb, token, "POST", "/api/v1/districts/bj/registrations/" + r + "/materials/other/images", "image/jpeg", photo);
                    Matcher url = URL.matcher(up);
                    if (url.find()) {
                        uploads.incrementAndGet();
                        send(lb, token, "DELETE", url.group(1), null, null);
                    } else if (refused.incrementAndGet() == 1) {
                        // A load that is refused is no load: say so rather than print a freshness under none.
                        firstRefusal.set(up);
                    }
                }
                return null;
            });
        }

        List<Long> millis = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String candidate : candidates) {
            long next = System.nanoTime() + 250_000_000L;
            String r = id(send(a, candidate, "POST", "/api/v1/districts/bj/registrations", "application/json",
                    "{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-02\"}".getBytes()));
            long committed = System.nanoTime();
            while (true) {
                Matcher total = TOTAL.matcher(send(b, admin, "GET", "/api/v1/districts/bj/search?q=" + r, null, null));
                if (total.find() && total.group(1).equals("1")) break;
                if (System.nanoTime() - committed > 30_000_000_000L) throw new IllegalStateException(r + " not searchable on :" + b + " within 30 s");
                Thread.sleep(5);
            }
            millis.add((System.nanoTime() - committed) / 1_000_000);
            long wait = next - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        load.shutdown();
        load.awaitTermination(60, TimeUnit.SECONDS);
        Collections.sort(millis);
        System.out.printf("[freshness] %d probes: commit on :%d -> searchable on :%d p50 %d ms, p95 %d ms, max %d ms; load %.1f uploads/s%n",
                millis.size(), a, b, millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.95)), millis.getLast(),
                uploads.get() / elapsed);
        if (refused.get() > 0) {
            System.out.printf("[freshness] %d uploads of the load were refused, the first: %s%n", refused.get(), firstRefusal.get());
        }
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) throw new IllegalStateException("no id in " + json);
        return m.group(1);
    }

    private static String send(int port, String token, String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) r.header("Content-Type", contentType);
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
