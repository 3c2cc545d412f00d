package cn.shenhe.bench;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.Management;
import cn.shenhe.material.image.SampleImages;
import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of issue 14 §6: uploads at a steady rate for {@code bench.minutes} (10) with reviewers (claim, comment,
 * pass) and searches running beside them, against a running server (./run.sh, or the test servers). The rate is
 * {@code bench.fraction} (0.8) of {@code bench.rate} when given, else of the rate {@link UploadBenchmark}'s HTTP
 * phase measures in a probe of {@code bench.probe.seconds} (60, after its warm-up of {@code bench.warmup} s).
 * <pre>
 * ./mvnw -q -o -pl platform/benchmarks -am test-compile -Pbench -Dbench.main=cn.shenhe.bench.SoakBenchmark [-Dbench.minutes=1 -Dbench.rate=12]
 * </pre>
 * Uploads are sent open-loop (scheduled at the rate whatever the answers' times, latency counted from the
 * scheduled moment, so a server that falls behind shows it); each candidate uploads its four required pictures,
 * and a complete registration enters bj-01's queue, where {@code bench.reviewers} site reviewers claim the next,
 * approve its pictures with an internal comment and pass it; {@code bench.searchers} district admins search.
 * First {@code bench.soak.warmup.minutes} (1) at the same rate, not counted: the JIT and the caches warm, so that
 * "the first minute" is the service's, not a cold JVM's. Then every minute: uploads/s, 5xx, upload p50/p99, reviews,
 * searches and their p99, the server's heap in use ({@code memory_usedHeap_bytes} from /metrics, no GC forced). The
 * live heap is read between the warm-up and the first minute and after the last, each time with the load paused until
 * nothing is in flight and then a full GC ({@code jcmd <pid> GC.class_histogram}; the pid from {@code bench.server.pid}
 * or the process listening on the HTTP port): read under load it counted the pictures in flight, and a full GC every
 * minute stopped the server for about what a minute's p99 is made of. At the end: 5xx total (goal 0), the heap after GC at
 * the end against the start (goal ±10 %), p99 of the last minute over the first (goal ≤ 1.2).
 */
public final class SoakBenchmark {

    private static final String D = System.getProperty("bench.district", "bj");
    private static final String SITE = System.getProperty("bench.site", D + "-01");
    private static final String[] REQUIRED = {"id-card", "id-card", "diploma", "practice-proof"};
    private static final String[] QUERIES = {"", "李", "测试", "核对", "李测试", "学历"};
    private static final Pattern HEAP = Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*})? ([0-9.Ee+-]+)");

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("bench.minutes", 10);
        double fraction = Double.parseDouble(System.getProperty("bench.fraction", "0.8"));
        String given = System.getProperty("bench.rate", "");
        // Distinct pictures, as the upload benchmark sends: the same one every time would make every upload a reuse of the others.
        // a new picture for every upload by default (bench.variants=N: N made beforehand and sent round and round)
        int variants = Integer.getInteger("bench.variants", 0);
        Pictures photo = variants > 0 ? Pictures.variants(SampleImages.photoJpeg(), variants) : Pictures.fresh(SampleImages.photoJpeg());
        double full = given.isBlank() ? probe(photo) : Double.parseDouble(given);
        double rate = full * fraction;
        System.out.printf("Soak: %d min at %.1f uploads/s (%.0f %% of %.1f%s), %s reviewers, %s searchers, district %s, server %s%n",
                minutes, rate, fraction * 100, full, given.isBlank() ? " measured" : " given",
                Integer.getInteger("bench.reviewers", 2), Integer.getInteger("bench.searchers", 2), D, Api.V1);
        new SoakBenchmark(rate, minutes, photo).run();
    }

    /** The server's upload rate, as UploadBenchmark's HTTP phase measures it (its own candidates, warmed up first). */
    private static double probe(Pictures photo) throws Exception {
        int seconds = Integer.getInteger("bench.probe.seconds", 60);
        UploadBenchmark.Http http = new UploadBenchmark.Http(Api.BASE, Management.BASE, photo, Runtime.getRuntime().availableProcessors() + 1);
        System.out.printf("Probe: the full upload rate over %d s (after a warm-up of %s s)%n", seconds, System.getProperty("bench.warmup", "120"));
        try (AutoCloseable cheap = Keycloak.cheapPasswordHashes()) {   // its candidates' sign-ups: Keycloak's hashing, not the server
            http.warmUp(seconds);
        }
        http.measure(seconds);
        return http.report().perSecond();
    }

    private final double rate;
    private final int minutes;
    private final int warmupMinutes = Integer.getInteger("bench.soak.warmup.minutes", 1);
    private volatile boolean stopping;
    /** While the heap is read: no upload is scheduled and the review and search loops wait, so nothing is in flight. */
    private volatile boolean paused;
    private final AtomicInteger othersBusy = new AtomicInteger();
    private final Pictures photo;
    private final ConcurrentLinkedQueue<Seat> filling = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Seat> unused = new ConcurrentLinkedQueue<>();
    private final List<Minute> done = new ArrayList<>();
    private volatile Minute now = new Minute();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    private SoakBenchmark(double rate, int minutes, Pictures photo) {
        this.rate = rate;
        this.minutes = minutes;
        this.photo = photo;
    }

    /** What one minute saw. */
    static final class Minute {
        final List<Long> uploads = Collections.synchronizedList(new ArrayList<>());
        final List<Long> searches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors5xx = new AtomicInteger();
        final AtomicInteger otherFailures = new AtomicInteger();
        final AtomicInteger reviews = new AtomicInteger();
        double heapUsedMb = Double.NaN;
    }

    /** A person of the realm, signed in once; the token is refreshed before it expires (15 min), as the UI does. */
    static final class Account {
        private final Keycloak.User user;
        private Keycloak.Session session;
        private long fetchedAt;

        Account(Keycloak.User user) {
            this.user = user;
        }

        synchronized String token() {
            if (session == null) {
                session = user.signIn();
                fetchedAt = System.nanoTime();
            } else if (System.nanoTime() - fetchedAt > TimeUnit.MINUTES.toNanos(12)) {
                session = session.refreshed();
                fetchedAt = System.nanoTime();
            }
            return session.accessToken();
        }
    }

    /** A candidate with a registration and the next required picture to upload. */
    record Seat(Account account, String registration, int next) {
        Seat then() {
            return new Seat(account, registration, next + 1);
        }
    }

    private void run() throws Exception {
        long total = (long) Math.ceil(rate * (minutes + warmupMinutes) * 60 * 1.1);
        try (AutoCloseable cheap = Keycloak.cheapPasswordHashes()) {   // thousands of sign-ups: Keycloak's hashing, not the server
            prepareCandidates((int) (total / REQUIRED.length) + 8);
        }
        List<Account> reviewers = accounts("site-reviewer", SITE, Integer.getInteger("bench.reviewers", 2));
        List<Account> searchers = accounts("district-admin", null, Integer.getInteger("bench.searchers", 2));
        long pid = serverPid();

        ExecutorService uploaders = Executors.newFixedThreadPool(Integer.getInteger("bench.upload.threads", 16));
        ExecutorService others = Executors.newFixedThreadPool(reviewers.size() + searchers.size());
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
        long periodNanos = (long) (1e9 / rate);
        clock.scheduleAtFixedRate(() -> {
            if (paused) return;
            long at = System.nanoTime();
            scheduled.incrementAndGet();
            inFlight.incrementAndGet();
            uploaders.execute(() -> upload(at));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        List<Future<?>> loops = new ArrayList<>();
        for (Account r : reviewers) loops.add(others.submit(() -> reviewLoop(r)));
        for (Account s : searchers) loops.add(others.submit(() -> searchLoop(s)));
        System.out.println("minute  uploads/s  5xx  upload p50 ms  p99 ms  reviews  searches  search p99 ms  heap used MB  backlog");
        TimeUnit.MINUTES.sleep(warmupMinutes);
        Minute warm = now;
        now = new Minute();
        if (warmupMinutes > 0) print("warm", warm);
        // the start's heap after a full GC with nothing in flight; the pause and 5 s after it are counted in no minute
        double heapStart = quietHeap(pid, "start");
        TimeUnit.SECONDS.sleep(5);
        now = new Minute();
        scheduled.set(0);
        long start = System.nanoTime();
        for (int m = 1; m <= minutes; m++) {
            long minuteEnd = start + TimeUnit.MINUTES.toNanos(m);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, minuteEnd - System.nanoTime()));
            Minute closed = now;
            now = new Minute();
            closed.heapUsedMb = heapUsed();
            done.add(closed);
            print(String.valueOf(m), closed);
        }
        double heapEnd = quietHeap(pid, "end");   // as the start's: the load paused, nothing in flight (the pause falls in no minute)
        clock.shutdownNow();
        stopping = true;
        for (Future<?> f : loops) f.get(60, TimeUnit.SECONDS);
        uploaders.shutdown();
        uploaders.awaitTermination(60, TimeUnit.SECONDS);
        others.shutdownNow();
        summary(heapStart, heapEnd);
    }

    private void print(String m, Minute x) {
        List<Long> up = sorted(x.uploads), se = sorted(x.searches);
        System.out.printf("%6s  %9.1f  %3d  %13.1f  %6.1f  %7d  %8d  %13.1f  %12.0f  %7d%s%n", m, up.size() / 60.0, x.errors5xx.get(),
                UploadBenchmark.pct(up, 50), UploadBenchmark.pct(up, 99), x.reviews.get(), se.size(), UploadBenchmark.pct(se, 99), x.heapUsedMb, inFlight.get(),
                x.otherFailures.get() == 0 ? "" : "  (" + x.otherFailures.get() + " other failures)");
    }

    private void summary(double heapStart, double heapEnd) {
        int errors = done.stream().mapToInt(x -> x.errors5xx.get()).sum();
        double change = (heapEnd - heapStart) / heapStart * 100;
        double first = UploadBenchmark.pct(sorted(done.getFirst().uploads), 99), last = UploadBenchmark.pct(sorted(done.getLast().uploads), 99);
        long uploads = done.stream().mapToLong(x -> x.uploads.size()).sum();
        System.out.printf("%nRESULT soak %d min at %.1f uploads/s: %d of %d scheduled uploads stored (%.1f/s), %d reviews, %d searches; load average %s%n",
                minutes, rate, uploads, scheduled.get(), uploads / (minutes * 60.0), done.stream().mapToInt(x -> x.reviews.get()).sum(),
                done.stream().mapToLong(x -> x.searches.size()).sum(), loadAverage());
        System.out.printf("RESULT 5xx total %d (goal 0); heap after GC %.0f MB at the start, %.0f MB at the end: %+.1f %% (goal ±10 %%); "
                + "upload p99 last minute / first %.1f / %.1f ms = %.2f (goal ≤ 1.2)%n", errors, heapStart, heapEnd, change, last, first, last / first);
    }

    /** One scheduled upload: the next picture of a candidate that is filling, or of a new one. */
    private void upload(long scheduledAt) {
        try {
            Seat seat = filling.poll();
            if (seat == null) seat = unused.poll();
            if (seat == null) {
                now.otherFailures.incrementAndGet();   // prepared too few: counted, never a silent gap
                return;
            }
            BlockingHttp.Answer a = BlockingHttp.exchange("POST", Api.V1 + "/districts/" + D + "/registrations/" + seat.registration()
                    + "/materials/" + REQUIRED[seat.next()] + "/images", seat.account().token(), "image/jpeg", photo.next());
            Minute m = now;
            if (a.status() == 201) {
                m.uploads.add(System.nanoTime() - scheduledAt);
                if (seat.next() + 1 < REQUIRED.length) filling.add(seat.then());   // else complete: in the site's queue
            } else {
                count(m, a.status());
                filling.add(seat);   // the same picture again next time
            }
        } catch (Exception e) {
            now.otherFailures.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Claim the next registration of the site, approve its pictures with a comment, pass it; wait when the queue is empty. */
    private Void reviewLoop(Account reviewer) throws Exception {
        long pause = Long.getLong("bench.review.pause.ms", 1000);
        while (!stopping) {
            if (waitWhilePaused()) continue;
            BlockingHttp.Answer claim = BlockingHttp.exchange("POST", Api.V1 + "/districts/" + D + "/review-queue/claims?level=SITE",
                    reviewer.token(), null, null);
            if (claim.status() != 200) {
                othersBusy.decrementAndGet();
                if (claim.status() != 204) count(now, claim.status());   // 204: nothing to claim yet
                Thread.sleep(500);
                continue;
            }
            String r = JsonPath.from(claim.body()).getString("registrationId");
            BlockingHttp.Answer view = BlockingHttp.exchange("GET", Api.V1 + "/districts/" + D + "/registrations/" + r, reviewer.token(), null, null);
            if (view.status() != 200) {
                othersBusy.decrementAndGet();
                count(now, view.status());
                continue;
            }
            List<String> images = JsonPath.from(view.body()).getList("materials.images.flatten().id", String.class);
            StringBuilder body = new StringBuilder("{\"level\":\"SITE\",\"images\":[");
            for (int i = 0; i < images.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"imageId\":\"").append(images.get(i)).append("\",\"decision\":\"APPROVE\"}");
            }
            body.append("],\"comments\":[{\"body\":\"核对过学历信息\",\"visibility\":\"INTERNAL\"}],\"outcome\":\"PASS\"}");
            BlockingHttp.Answer decided = BlockingHttp.exchange("POST", Api.V1 + "/districts/" + D + "/registrations/" + r + "/reviews",
                    reviewer.token(), "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
            if (decided.status() == 200) now.reviews.incrementAndGet();
            else count(now, decided.status());
            othersBusy.decrementAndGet();
            Thread.sleep(pause);
        }
        return null;
    }

    private Void searchLoop(Account admin) throws Exception {
        long pause = Long.getLong("bench.search.pause.ms", 250);
        int i = 0;
        while (!stopping) {
            if (waitWhilePaused()) continue;
            String q = QUERIES[i++ % QUERIES.length];
            long t0 = System.nanoTime();
            BlockingHttp.Answer a = BlockingHttp.exchange("GET", Api.V1 + "/districts/" + D + "/search?q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8), admin.token(), null, null);
            Minute m = now;
            if (a.status() == 200) m.searches.add(System.nanoTime() - t0);
            else count(m, a.status());
            othersBusy.decrementAndGet();
            Thread.sleep(pause);
        }
        return null;
    }

    private static void count(Minute m, int status) {
        if (status >= 500) m.errors5xx.incrementAndGet();
        else m.otherFailures.incrementAndGet();
    }

    /** Candidates with a registration each, signed in; a few at a time (Keycloak's admin API is the slow part). */
    private void prepareCandidates(int n) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService signUps = Executors.newFixedThreadPool(8);
        try {
            List<Future<Seat>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                made.add(signUps.submit(() -> {
                    Account a = new Account(Keycloak.createUser("candidate", D, null));
                    String body = BlockingHttp.expect(201, "POST", Api.V1 + "/districts/" + D + "/registrations", a.token(), "application/json",
                            ("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + SITE + "\"}").getBytes(StandardCharsets.UTF_8)).body();
                    return new Seat(a, JsonPath.from(body).getString("id"), 0);
                }));
            }
            for (Future<Seat> s : made) unused.add(s.get());
        } finally {
            signUps.shutdownNow();
        }
        System.out.printf("Prepared %d candidates with registrations in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    private static List<Account> accounts(String role, String site, int n) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) accounts.add(new Account(Keycloak.createUser(role, D, site)));
        return accounts;
    }

    /**
     * Counts this loop busy and returns false; or, while the load is paused, true after a short wait. Counted before
     * the pause is read, so {@link #quietHeap}, which sets the pause and then waits for no loop to be busy, misses none.
     */
    private boolean waitWhilePaused() throws InterruptedException {
        othersBusy.incrementAndGet();
        if (paused) {
            othersBusy.decrementAndGet();
            Thread.sleep(100);
            return true;
        }
        return false;
    }

    /**
     * The server's live heap: the load paused until nothing is in flight (at most 15 s), then a full GC by a class
     * histogram, whose largest rows are printed ({@code jcmd <pid> GC.class_histogram}); the heap in use is read
     * from /metrics right after. Without a pid, the heap in use without a GC; NaN when jcmd fails.
     */
    private double quietHeap(long pid, String when) {
        paused = true;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while ((inFlight.get() > 0 || othersBusy.get() > 0) && System.nanoTime() < deadline) Thread.sleep(20);
            if (pid > 0) {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                        "GC.class_histogram").redirectErrorStream(true).start();
                List<String> rows = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) return Double.NaN;
                System.out.println("heap at the " + when + " (in flight " + inFlight.get() + "), largest classes after a full GC:");
                rows.stream().skip(1).limit(14).forEach(System.out::println);
                rows.stream().filter(r -> r.startsWith("Total")).forEach(System.out::println);
            }
            return heapUsed();
        } catch (Exception e) {
            return Double.NaN;
        } finally {
            paused = false;
        }
    }

    /** The server's heap in use now, in MB (no GC forced); NaN when /metrics does not answer. */
    private static double heapUsed() {
        try {
            Matcher m = HEAP.matcher(Management.metrics(Management.BASE, "base"));
            return m.find() ? Double.parseDouble(m.group(1)) / (1 << 20) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** {@code bench.server.pid}, or the process listening on the server's HTTP port (ss shows one's own processes). */
    public static long serverPid() {
        Long given = Long.getLong("bench.server.pid");
        if (given != null) return given;
        try {
            String port = Api.BASE.substring(Api.BASE.lastIndexOf(':') + 1);
            Process p = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("pid=(\\d+)").matcher(out);
            if (m.find()) return Long.parseLong(m.group(1));
        } catch (Exception e) {
            // below
        }
        System.out.println("No server pid (-Dbench.server.pid): the heap is read without a forced GC");
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }
}
