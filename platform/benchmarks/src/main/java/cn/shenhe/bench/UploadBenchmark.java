package cn.shenhe.bench;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.TenantConfigReader;
import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.Management;
import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.SampleImages;
import cn.shenhe.material.image.StageTimings;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.material.image.WatermarkFont;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugins.quality.QualityChecks;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The upload's image work in-process (the pipeline and bj's quality checks on its grey copy) and the upload
 * through HTTP, in one run, on the same ~150 KB 1000x750 JPEGs
 * (distinct variants of one photo, see {@link Pictures}) and the same number of threads: images/s for both, their ratio (target: HTTP >= 0.8 x
 * in-process), per-stage means in-process and latency percentiles over HTTP. Not a test: run it
 * on demand against a running server (./run.sh, or the test servers):
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pbench [-Dbench.threads=3 -Dbench.seconds=30 -Dbench.rounds=3]
 * </pre>
 * After both warm-ups the timed phases take turns: {@code bench.rounds} slices of each, adding up
 * to {@code bench.seconds} per side ({@code -Dbench.rounds=1}: one block each, in-process first).
 * The HTTP side signs in through Keycloak as candidates of bj, each with a registration, and
 * uploads into every material type of one registration after the other. Before the timed phase
 * it makes as many registrations as the warm-up's rate says the phase will fill and empties them,
 * so the timed phase is uploads only (earlier versions deleted a full registration's pictures
 * inside it: about one delete per upload once the warm-up had filled them all).
 *
 * <p>{@code -Dbench.compare=9081} adds a second server to the same run, in the same turns: e.g. one
 * started by {@code scripts/bench-server.sh start} on ImageIO, to measure the native codec's gain over
 * HTTP (both servers share ./run.sh's Keycloak; the in-process side uses the codec this JVM loads).
 */
public final class UploadBenchmark {

    private static final Map<String, Integer> TYPES = Map.of("id-card", 2, "diploma", 2, "practice-proof", 5, "other", 5);
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    /** Long enough for both JVMs' JIT compilers to settle: their CPU is not part of an upload's cost. */
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 120);
    private static final String[] STAGES = {"read+hash", "sniff", "header", "decode", "orient+rgb", "watermark", "encode", "total"};

    public static void main(String[] args) throws Exception {
        // One more than the cores: an upload over HTTP also waits (network, the file's and the database's
        // syncs), and with only one upload in flight per core a core idles through every wait. The
        // server's pipeline admits one picture per core whatever the load, as the in-process one here.
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors() + 1);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int rounds = Integer.getInteger("bench.rounds", 3);
        String phases = System.getProperty("bench.phases", "in-process,http");
        String compare = System.getProperty("bench.compare", "");
        // -Dbench.size=400x300 (the smallest accepted) shows the fixed cost of an upload over HTTP: a picture that costs next to nothing to process.
        String size = System.getProperty("bench.size", "1000x750");
        String[] wh = size.split("x");
        byte[] photo = size.equals("1000x750") ? SampleImages.photoJpeg()
                : SampleImages.jpeg(SampleImages.documentPhoto(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 3, 42), 0.9f);
        // -Dbench.variants=1: the same picture every time (as before 2026-12-06): every upload is then a reuse of the earlier ones.
        // The in-process side goes round a fixed set (the pipeline looks nothing up); the server gets a new picture for every
        // upload unless bench.variants is given: a set sent round makes later uploads copies of earlier ones, which the
        // server's reuse detector finds and records.
        int variants = Integer.getInteger("bench.variants", 2000);
        Pictures pictures = variants <= 1 ? Pictures.same(photo) : Pictures.variants(photo, variants);
        Pictures sent = !System.getProperty("bench.variants", "").isBlank() ? pictures
                : phases.contains("http") ? Pictures.fresh(photo) : pictures;
        System.out.printf("Upload benchmark: %d-byte " + size + " JPEG (%d variant(s) in-process, %s over HTTP), %d thread(s), %d s per phase in %d round(s), server %s%n",
                photo.length, pictures.count(), sent == pictures ? "the same" : "a new one each upload", threads, seconds, rounds, Api.V1);

        try (InProcess inProcess = phases.contains("in-process") ? new InProcess(pictures, threads) : null) {
            Http http = phases.contains("http") ? new Http(Api.BASE, Management.BASE, sent, threads) : null;
            // scripts/bench-server.sh puts the second server's HTTPS (its /metrics) 363 ports above its HTTP
            String compareHttps = System.getProperty("bench.compare.https", compare.isBlank() ? "" : String.valueOf(Integer.parseInt(compare) + 363));
            Http other = compare.isBlank() ? null : new Http("http://localhost:" + compare, "https://localhost:" + compareHttps, sent, threads);
            if (inProcess != null) {
                inProcess.warmUp();
            }
            for (Http h : new Http[] {http, other}) {
                if (h != null) {
                    h.warmUp(seconds);
                }
            }
            // The phases take turns in slices (bench.rounds of each): this machine's speed drifts
            // over minutes (other virtual machines on the host), and both sides of the ratio should see the
            // same drift. Each HTTP slice ends only once the server is idle again (see awaitServerQuiet).
            int slice = Math.max(1, seconds / rounds);
            double serverDuringInProcess = 0;
            for (int i = 0; i < rounds; i++) {
                if (inProcess != null) {
                    double s0 = http == null ? 0 : http.serverCpuSeconds();
                    stamp("in-process slice " + (i + 1) + " of " + rounds + ", " + slice + " s");
                    inProcess.measure(slice);
                    serverDuringInProcess += http == null ? 0 : http.serverCpuSeconds() - s0;
                }
                if (http != null) {
                    stamp("HTTP slice " + (i + 1) + " of " + rounds + ", " + slice + " s");
                    http.measure(slice);
                }
                if (other != null) {
                    other.measure(slice);
                }
            }
            if (inProcess != null && http != null) {
                System.out.printf("%nThe server used %.1f s of CPU while the in-process slices ran (%d s)%n", serverDuringInProcess, slice * rounds);
            }
            Rate in = inProcess == null ? null : inProcess.report();
            Rate over = http == null ? null : http.report();
            if (in != null && over != null) {
                System.out.printf("%nRESULT in-process %.1f images/s, HTTP %.1f images/s, ratio %.2f (target >= 0.80)%n",
                        in.perSecond(), over.perSecond(), over.perSecond() / in.perSecond());
                // With the CPU saturated, rate = cores / CPU per image, so this ratio is what a server that never waited would show.
                System.out.printf("RESULT CPU per image: in-process %.1f ms, HTTP %.1f ms (server %.1f + client %.1f); "
                                + "CPU-bound ratio %.2f (server alone %.2f)%n",
                        in.cpuMs(), over.cpuMs(), over.serverCpuMs(), over.clientCpuMs(),
                        in.cpuMs() / over.cpuMs(), in.cpuMs() / over.serverCpuMs());
            }
            Rate compared = other == null ? null : other.report();
            if (over != null && compared != null) {
                System.out.printf("%nRESULT %s %.1f images/s (server CPU %.1f ms per upload), %s %.1f images/s (%.1f ms): %.2fx%n",
                        http.base, over.perSecond(), over.serverCpuMs(), other.base, compared.perSecond(), compared.serverCpuMs(),
                        over.perSecond() / compared.perSecond());
            }
        }
    }

    /** When a timed slice starts, to line a profiler's window up with it. */
    private static void stamp(String what) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), what);
    }

    /** Images per second, and CPU milliseconds per image: of this JVM, and of the server's (HTTP only). */
    record Rate(double perSecond, double clientCpuMs, double serverCpuMs) {
        double cpuMs() {
            return clientCpuMs + serverCpuMs;
        }
    }

    /** Completed tasks and the time they took. */
    record Timed(long done, long nanos) {
        double perSecond() {
            return done / (nanos / 1e9);
        }
    }

    /** This JVM's CPU time (all threads: workers, decoders, JIT, GC). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * A server JVM's CPU time from its MicroProfile metrics (10 ms resolution): over HTTPS as the user
     * {@code metrics}, with the password ./run.sh generated (see {@link Management}).
     */
    static double serverCpuSeconds(String httpsBase) throws Exception {
        String metrics = Management.metrics(httpsBase, "base");
        Matcher m = Pattern.compile("(?m)^cpu_processCpuTime_seconds\\{[^}]*} ([0-9.Ee+-]+)").matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("no cpu_processCpuTime_seconds in the server's /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    /** The district the HTTP side uploads into, as its tenant-config file has it (the in-process side runs its quality checks). */
    private static DistrictConfig bj() {
        Path file = Path.of(System.getProperty("bench.tenant.config", "../../tenant-configs/bj.yaml"));
        try (Reader yaml = Files.newBufferedReader(file)) {
            return TenantConfigReader.read(file.getFileName().toString(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pipeline in this JVM, as the server runs it (one worker per core, same watermark), and the quality checks after it. */
    static final class InProcess implements AutoCloseable {
        private final Pictures pictures;
        private final int threads;
        private final ImagePipeline pipeline;
        private final Watermark watermark = Watermark.of("北京考区", "仅用于医师资格考试", "2026-11-26");
        private final UploadRules rules = UploadRules.defaults();
        private final AtomicLongArray stageNanos = new AtomicLongArray(STAGES.length);
        private final AtomicLong checkNanos = new AtomicLong();
        private final QualityChecks checks = new QualityChecks();
        private final DistrictConfig district = bj();
        private final RegistrationFacts candidate = new RegistrationFacts(district.code(), district.sites().getFirst().code(),
                "clinical-physician", district.examYear());
        private final PluginSettings checkSettings = district.plugins().stream().filter(p -> p.id().equals("quality-checks"))
                .map(DistrictConfig.PluginUse::settings).findFirst().orElseThrow();
        private long done;
        private long nanos;
        private long cpuNanos;

        InProcess(Pictures pictures, int threads) {
            this.pictures = pictures;
            this.threads = threads;
            // Sized as the server's (Pipeline): one picture per core in the pipeline at a time.
            this.pipeline = new ImagePipeline(WatermarkFont.locate(), Duration.ofSeconds(30), Runtime.getRuntime().availableProcessors());
        }

        void warmUp() throws Exception {
            run(threads, WARM_UP_SECONDS, () -> check(pipeline.process(pictures.next(), rules, watermark)));
        }

        /** The quality checks the server runs on each of bj's uploads, on the pipeline's grey copy: image work too. */
        private void check(ProcessedImage p) {
            checks.check(candidate, new ImageFacts("id-card", p.originalFormat(), p.originalBytes(), p.width(), p.height()), p.grey(), checkSettings);
        }

        void measure(int seconds) throws Exception {
            long cpu0 = ownCpuNanos();
            Timed t = run(threads, seconds, () -> {
                ProcessedImage p = pipeline.process(pictures.next(), rules, watermark);
                long c0 = System.nanoTime();
                check(p);
                checkNanos.addAndGet(System.nanoTime() - c0);
                StageTimings s = p.timings();
                long[] v = {s.readNanos(), s.sniffNanos(), s.headerNanos(), s.decodeNanos(), s.orientNanos(),
                        s.watermarkNanos(), s.encodeNanos(), s.totalNanos()};
                for (int i = 0; i < v.length; i++) {
                    stageNanos.addAndGet(i, v[i]);
                }
            });
            cpuNanos += ownCpuNanos() - cpu0;
            done += t.done();
            nanos += t.nanos();
        }

        Rate report() {
            double rate = new Timed(done, nanos).perSecond();
            double cpuMs = cpuNanos / 1e6 / Math.max(1, done);
            System.out.printf("%nIn-process: %.1f images/s, %.1f ms CPU per image; mean ms per stage:%n", rate, cpuMs);
            for (int i = 0; i < STAGES.length; i++) {
                System.out.printf("  %-11s %7.2f%n", STAGES[i], stageNanos.get(i) / 1e6 / Math.max(1, done));
            }
            System.out.printf("  %-11s %7.2f (quality checks, after the pipeline)%n", "checks", checkNanos.get() / 1e6 / Math.max(1, done));
            return new Rate(rate, cpuMs, 0);
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /** Uploads through a server's API as candidates of bj, one lane of candidates per thread. */
    static final class Http {
        private final String base;
        private final String httpsBase;
        private final Pictures pictures;
        private final int threads;
        private final List<Lane> lanes = new ArrayList<>();
        private final LaneOfThread local;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private long nanos;
        private long clientCpuNanos;
        private double serverCpuSeconds;
        private long deletes;
        private final Map<String, double[]> serverTiming = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        Http(String base, String httpsBase, Pictures pictures, int threads) {
            this.base = base;
            this.httpsBase = httpsBase;
            this.pictures = pictures;
            this.threads = threads;
            for (int i = 0; i < threads; i++) {
                lanes.add(new Lane(this));
            }
            this.local = new LaneOfThread(lanes);
        }

        /** Warms the server up, then makes (and empties) the registrations the timed slices will fill. */
        void warmUp(int timedSeconds) throws Exception {
            // The warm-up fills registrations and, once all are full, empties them again (deletes warm up too).
            for (Lane lane : lanes) {
                lane.prepare(Integer.getInteger("bench.candidates", 16));
            }
            double warmRate = run(threads, WARM_UP_SECONDS, () -> local.get().upload(pictures.next(), false)).perSecond();
            int needed = (int) Math.ceil(warmRate / threads * timedSeconds * 1.5 / Candidate.CAPACITY) + 1;
            for (Lane lane : lanes) {
                lane.prepare(needed);
            }
            // As many new pictures as the slices will send (the warm-up's rate, times 2.5: the warm-up is slower), as far as 70 % of the heap holds
            // them (-Dbench.compare: both servers' stocks).
            long heapRoom = Runtime.getRuntime().maxMemory() * 7 / 10 / (200 * 1024) - pictures.stocked();
            int stock = (int) Math.max(0, Math.min(heapRoom, Math.ceil(warmRate * timedSeconds * 2.5)));
            long t0 = System.nanoTime();
            pictures.stockUp(stock);
            stamp(String.format("%d pictures made ahead in %.0f s", stock, (System.nanoTime() - t0) / 1e9));
        }

        void measure(int seconds) throws Exception {
            long client0 = ownCpuNanos() - pictures.makingCpuNanos();
            double server0 = serverCpuSeconds();
            long deletes0 = Candidate.DELETES.get();
            Timed t = run(threads, seconds, () -> local.get().upload(pictures.next(), true));
            serverCpuSeconds += awaitServerQuiet() - server0;
            clientCpuNanos += ownCpuNanos() - pictures.makingCpuNanos() - client0;
            deletes += Candidate.DELETES.get() - deletes0;
            nanos += t.nanos();
        }

        /**
         * The server keeps working for a few seconds after the last upload (index updates, their commit,
         * garbage collection): that CPU belongs to the uploads, and must not slow the in-process slice
         * that follows. Waits until the server uses under 5 % of a core; returns its CPU seconds then.
         */
        double serverCpuSeconds() throws Exception {
            return UploadBenchmark.serverCpuSeconds(httpsBase);
        }

        private double awaitServerQuiet() throws Exception {
            double last = serverCpuSeconds();
            for (int i = 0; i < 30; i++) {
                Thread.sleep(1000);
                double now = serverCpuSeconds();
                if (now - last < 0.05) {
                    return now;
                }
                last = now;
            }
            return last;
        }

        Rate report() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int n = Math.max(1, sorted.size());
            double rate = new Timed(sorted.size(), nanos).perSecond();
            double serverCpuMs = serverCpuSeconds * 1e3 / n;
            double clientCpuMs = clientCpuNanos / 1e6 / n;
            if (deletes > 0) {
                System.out.printf("%nNote: %d deletes fell into the timed phase (more registrations were needed than estimated)%n", deletes);
            }
            if (pictures.madeDuringTiming() > 0) {
                System.out.printf("%nNote: %d pictures were made while timing (the stock made ahead ran out): the client took CPU from the server%n",
                        pictures.madeDuringTiming());
            }
            System.out.printf("%nHTTP %s: %.1f images/s, CPU per upload: server %.1f ms, client %.1f ms; "
                    + "upload latency ms p50 %.1f, p90 %.1f, p99 %.1f (%d uploads)%n", base, rate, serverCpuMs, clientCpuMs,
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.size());
            System.out.println("Server-side mean ms per stage (Server-Timing):");
            serverTiming.forEach((stage, sum) -> System.out.printf("  %-11s %7.2f%n", stage, sum[0] / n));
            return new Rate(rate, clientCpuMs, serverCpuMs);
        }

        /** A timed upload: its latency and the server's stages (Server-Timing). */
        void record(long nanos, String header) {
            latencies.add(nanos);
            if (header == null) {
                return;
            }
            for (String metric : header.split(",")) {
                String[] parts = metric.trim().split(";dur=");
                if (parts.length == 2) {
                    double ms = Double.parseDouble(parts[1]);
                    synchronized (serverTiming) {
                        serverTiming.computeIfAbsent(parts[0], k -> new double[1])[0] += ms;
                    }
                }
            }
        }

        /** Registers a candidate in bj on this server. */
        String register(String token) throws Exception {
            String body = BlockingHttp.expect(201, "POST", base + "/api/v1/districts/bj/registrations", token, "application/json",
                    "{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).body();
            Matcher id = ID.matcher(body);
            if (!id.find()) {
                throw new IllegalStateException("no id in " + body);
            }
            return id.group(1);
        }
    }

    /** Runs the task on every thread for the given time. */
    private static Timed run(int threads, int seconds, ThrowingRunnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    task.run();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();   // a failed task must not leave the others running (and the JVM alive)
        }
        return new Timed(done.get(), System.nanoTime() - start);
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** One candidate's registration, filled type by type and emptied when full. */
    static final class Candidate {
        static final int CAPACITY = TYPES.values().stream().mapToInt(Integer::intValue).sum();
        static final AtomicLong DELETES = new AtomicLong();
        private final Http server;
        private final String token;
        private final String registration;
        private final List<String> uploaded = new ArrayList<>();
        private final Map<String, Integer> counts = new java.util.HashMap<>();

        Candidate(Http server, String token, String registration) {
            this.server = server;
            this.token = token;
            this.registration = registration;
        }

        void upload(byte[] photo, boolean timed) throws Exception {
            if (full()) {
                empty();
            }
            String type = nextType();
            long t0 = System.nanoTime();
            BlockingHttp.Answer response = BlockingHttp.expect(201, "POST", server.base + "/api/v1/districts/bj/registrations/" + registration
                    + "/materials/" + type + "/images", token, "image/jpeg", photo);
            long t = System.nanoTime() - t0;
            String body = response.body();
            if (timed) {
                server.record(t, response.serverTiming());
            }
            Matcher url = URL.matcher(body);
            if (!url.find()) {
                throw new IllegalStateException("no url in " + body);
            }
            uploaded.add(url.group(1));
            counts.merge(type, 1, Integer::sum);
        }

        void empty() throws Exception {
            for (String url : uploaded) {
                BlockingHttp.expect(204, "DELETE", server.base + url, token, null, null);
                DELETES.incrementAndGet();
            }
            uploaded.clear();
        }

        boolean full() {
            return nextType() == null;
        }

        private String nextType() {
            if (uploaded.isEmpty()) {
                counts.clear();
            }
            for (var e : TYPES.entrySet()) {
                if (counts.getOrDefault(e.getKey(), 0) < e.getValue()) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /** One thread's candidates, used in turn: the next when one is full (the last one empties and refills). */
    static final class Lane {
        private final Http server;
        private final List<Candidate> pool = new ArrayList<>();
        private int current;

        Lane(Http server) {
            this.server = server;
        }

        /** At least {@code size} candidates with a registration each, all emptied; outside any timed phase. */
        void prepare(int size) throws Exception {
            for (Candidate c : pool) {
                c.empty();
            }
            // Signing up hundreds of candidates one by one takes minutes: a few at a time.
            ExecutorService signUps = Executors.newFixedThreadPool(8);
            try {
                List<Future<Candidate>> made = new ArrayList<>();
                for (int i = pool.size(); i < size; i++) {
                    made.add(signUps.submit(() -> {
                        String token = Keycloak.createUser("candidate", "bj", null).token();
                        return new Candidate(server, token, server.register(token));
                    }));
                }
                for (Future<Candidate> c : made) {
                    pool.add(c.get());
                }
            } finally {
                signUps.shutdownNow();
            }
            current = 0;
        }

        Candidate get() {
            while (current < pool.size() - 1 && pool.get(current).full()) {
                current++;
            }
            return pool.get(current);
        }
    }

    /** Gives each benchmark thread its own lane. */
    static final class LaneOfThread {
        private final List<Lane> lanes;
        private final AtomicLong next = new AtomicLong();
        private final ThreadLocal<Lane> mine;

        LaneOfThread(List<Lane> lanes) {
            this.lanes = lanes;
            this.mine = ThreadLocal.withInitial(() -> this.lanes.get((int) (next.getAndIncrement() % this.lanes.size())));
        }

        Candidate get() {
            return mine.get().get();
        }
    }
}
