package cn.shenhe.search;

import cn.shenhe.bench.BlockingHttp;
import cn.shenhe.bench.BlockingHttp.Answer;
import cn.shenhe.bench.SoakBenchmark;
import cn.shenhe.it.Keycloak;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Search at scale, on demand (never in the test suite): loads {@code bench.registrations}
 * synthetic registrations (about two comments each, see {@link SyntheticData}) into the running
 * server's PostgreSQL database by JDBC batches, has the server rebuild the district's index
 * (timed by the server), builds the same index in this JVM (timed), then runs the same query mix
 * in-process and through HTTP with a real reviewer's token, and prints p50/p95/p99 of both.
 * Targets: HTTP p95 &lt;= 10 ms and &lt;= 2 x in-process p95; then the reviewer's page ({@link ReviewerPage}) p95
 * &lt;= 50 ms and the server's resident memory &lt;= 1 GiB.
 * <pre>
 * DB_KIND=postgresql DB_NAME=test DB_SCHEMA=shenhe_bench ./run.sh        # in another terminal
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Psearch-bench [-Dbench.registrations=1000000]
 * </pre>
 * Loading is incremental: candidates already there (by their synthetic subject) are not
 * inserted again, so 100k then 1M adds 900k. {@code -Dbench.clean=true} removes them all.
 * {@code -Dbench.jdbc=none}: in-process only, the index built straight from the same synthetic
 * people (no database, no server): for profiling the search itself.
 */
public final class SearchBenchmark {

    private static final List<String> COMMENT_QUERIES = List.of("照片模糊", "盖章", "重新上传", "学历 认证", "身份证 过期",
            "反光", "公章", "报考条件");

    /** How many registrations a kept in-process index may lack or have over the database's count. */
    private static final int KEPT_SLACK = 100;

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.registrations", 100_000);
        // 4,000: the rarest kinds of the mix (1 char, 1 char by date: 1 in 20 each) still have 200 samples for their p95;
        // at 1,000 theirs was the third-slowest of 50, so a single hiccup decided it.
        int queries = Integer.getInteger("bench.queries", 4000);
        String district = System.getProperty("bench.district", "bj");
        List<String> sites = Arrays.asList(System.getProperty("bench.sites", "bj-01,bj-02").split(","));
        String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=shenhe_bench&reWriteBatchedInserts=true");
        String api = "http://localhost:" + System.getProperty("it.http.port", "9080") + "/api/v1";
        System.out.printf("Search benchmark: %,d registrations in %s, %s, server %s%n", n, district, jdbc, api);
        // -Dbench.jdbc=none: no database, no server; the in-process index is built from the same synthetic people
        boolean synthetic = "none".equals(jdbc);

        if (!synthetic) try (Connection c = DriverManager.getConnection(jdbc, System.getProperty("bench.db.user", "postgres"),
                System.getProperty("bench.db.password", ""))) {
            if (Boolean.getBoolean("bench.clean")) {
                SyntheticData.clean(c, district);
                System.out.println("Synthetic registrations removed; rebuild the index: POST " + api + "/districts/" + district + "/search/rebuild");
                return;
            }
            int present = count(c, "SELECT COUNT(*) FROM registration WHERE district_id = '" + district + "' AND candidate_sub LIKE 'bench-%'");
            if (present < n) {
                long t0 = System.nanoTime();
                long comments = SyntheticData.insert(c, district, sites, present, n);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("LOAD %,d registrations + %,d comments by JDBC batches in %.1f s (%,.0f rows/s)%n",
                        n - present, comments, s, (n - present + comments) / s);
                // Fresh statistics: a planner that still believes the table small sorts it whole for every page.
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE registration");
                    st.execute("ANALYZE review_comment");
                }
            } else {
                System.out.printf("LOAD %,d synthetic registrations already present%n", present);
            }
            System.out.printf("DATA %,d registrations, %,d comments in %s%n",
                    count(c, "SELECT COUNT(*) FROM registration WHERE district_id = '" + district + "'"),
                    count(c, "SELECT COUNT(*) FROM review_comment WHERE district_id = '" + district + "'"), district);
        }

        boolean http = !synthetic && !"false".equals(System.getProperty("bench.http"));
        String admin = http ? Keycloak.token(System.getProperty("bench.admin", district + "-admin"), "demo") : null;
        if (http && !"false".equals(System.getProperty("bench.rebuild"))) {
            long t0 = System.nanoTime();
            String rebuild = api + "/districts/" + district + "/search/rebuild";
            send(rebuild, admin, "POST"); // 202: runs in the background
            String status;
            do {
                Thread.sleep(1000);
                status = send(rebuild, admin, "GET");
            } while (status.contains("\"RUNNING\""));
            System.out.printf("BUILD server (POST rebuild, then GET until done): %s, %.1f s%n", status, (System.nanoTime() - t0) / 1e9);
        }

        PGSimpleDataSource ds = new PGSimpleDataSource();
        if (!synthetic) {
            ds.setURL(jdbc);
        }
        ds.setUser(System.getProperty("bench.db.user", "postgres"));
        ds.setPassword(System.getProperty("bench.db.password", ""));
        // -Dbench.index.dir keeps the in-process index between runs (rebuilt when its count is off by more than KEPT_SLACK): profiling
        // a change to the search path then needs no 5-minute build each time.
        String keep = System.getProperty("bench.index.dir", "");
        Path dir = keep.isBlank() ? Files.createTempDirectory("search-bench") : Files.createDirectories(Path.of(keep));
        IdNumberDigest.useSecretIn(Path.of(dir + ".id-secret"));   // a kept index answers ID-number queries next run too
        try (DistrictIndex index = new DistrictIndex(district, dir)) {
            SearchSource source = new SearchSource();
            source.dataSource = (DataSource) ds;
            long inDatabase = synthetic ? n : source.count(district);
            // Kept within a few registrations of the database's count: each HTTP run adds one (the reviewer's page, see
            // ReviewerPage), and rebuilding for it cost every run 85 s and left merges running into its queries.
            if (index.isCurrent() && Math.abs(index.numDocs() - inDatabase) <= KEPT_SLACK) {
                System.out.printf("BUILD in-process: kept the index in %s (%,d registrations, %,d MB, %d segments)%n",
                        dir, inDatabase, size(dir) >> 20, segments(index));
            } else {
                long t0 = System.nanoTime();
                index.deleteAll();
                java.util.function.Consumer<SearchFields.Registration> upsert = r -> {
                    try {
                        index.upsert(r);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                long docs = n;
                if (synthetic) {
                    for (int i = 0; i < n; i++) {
                        upsert.accept(SyntheticData.registration(district, i, sites));
                    }
                } else {
                    docs = source.forEach(district, upsert);
                }
                long readMs = (System.nanoTime() - t0) / 1_000_000;
                index.commit(java.time.Instant.now());
                index.refresh();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("BUILD in-process: %,d registrations in %,d ms (%,.0f docs/s; reading + analysing %,d ms), index %,d MB, %d segments%n",
                        docs, ms, docs * 1000.0 / ms, readMs, size(dir) >> 20, segments(index));
            }

            if (queries == 0) { // -Dbench.queries=0: load and build only (under nice), measure in another run (under the lock)
                return;
            }
            // Warm-up and measurement draw different people (seeds 43 and 42): nothing measured was asked before.
            List<Probe> warmUp = mix(queries, n, sites, 43);
            List<Probe> mix = mix(queries, n, sites, 42);
            SearchService service = new SearchService();
            List<String> facets = List.of(SearchFields.STATUS, SearchFields.SITE, SearchFields.CATEGORY);
            String reviewer = http ? Keycloak.token(System.getProperty("bench.reviewer", district + "-district-reviewer"), "demo") : null;
            // -Dbench.interleave=true: each query in-process, then at once over HTTP, so that both sides of the ratio see the
            // machine in the same state; but the in-process search's garbage and cache misses then fall on the HTTP client in
            // the same JVM. Default: the in-process block, then the HTTP block, each after its own warm-up (the server's JIT
            // compiling after an HTTP warm-up would otherwise run during the in-process block).
            boolean interleaved = Boolean.getBoolean("bench.interleave");
            for (Probe q : warmUp) {
                service.search(List.of(index), q.request(), facets);
                if (http && interleaved) {
                    get(url(api, district, q), reviewer);
                }
            }
            long hits = 0;
            long[] inProcess = new long[mix.size()];
            // CPU time besides wall time: on a busy machine the wall time's tail is mostly waiting for a core.
            long[] cpu = new long[mix.size()];
            long[] totals = new long[mix.size()];
            List<Map<String, Long>> stages = new ArrayList<>();
            long[] overHttp = new long[mix.size()];
            long[] serverSearch = new long[mix.size()];
            long[] audited = new long[mix.size()];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < mix.size(); i++) {
                long c = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                SearchResult result = service.search(List.of(index), mix.get(i).request(), facets);
                inProcess[i] = System.nanoTime() - s;
                cpu[i] = threads.getCurrentThreadCpuTime() - c;
                hits += result.total();
                totals[i] = result.total();
                stages.add(result.stageMicros());
                if (http && interleaved) {
                    overHttp[i] = overHttp(api, district, mix.get(i), reviewer, serverSearch, audited, i);
                }
            }
            if (http && !interleaved) {   // the HTTP block, after its own warm-up
                for (Probe q : warmUp) {
                    get(url(api, district, q), reviewer);
                }
                for (int i = 0; i < mix.size(); i++) {
                    overHttp[i] = overHttp(api, district, mix.get(i), reviewer, serverSearch, audited, i);
                }
            }
            System.out.printf("QUERIES %,d (names, ID endings, full IDs, phone endings, comment words, filtered), mean total %,d hits%n",
                    mix.size(), hits / mix.size());
            report("in-process", inProcess);
            report("in-process CPU", cpu);
            byKind("in-process", mix, inProcess);
            byKind("in-process CPU", mix, cpu);
            stagesByKind(mix, stages);
            byCommentWord(mix, inProcess, totals, stages);
            if (!http) {
                return;
            }
            report("HTTP", overHttp);
            report("server search (Server-Timing)", serverSearch);
            report("server search + its audit commit (Server-Timing)", audited);
            Map.Entry<String, Long> slowest = byKind("HTTP", mix, overHttp);
            double ratio = percentile(overHttp, 95) / (double) percentile(inProcess, 95);
            System.out.printf("RESULT p95 HTTP %.2f ms (target <= 10), in-process %.2f ms, ratio %.2f (target <= 2); slowest kind %s, p95 %.2f ms (target <= 10)%n",
                    percentile(overHttp, 95) / 1e6, percentile(inProcess, 95) / 1e6, ratio, slowest.getKey(), slowest.getValue() / 1e6);
            try (Connection c = DriverManager.getConnection(jdbc, System.getProperty("bench.db.user", "postgres"),
                    System.getProperty("bench.db.password", ""))) {
                ReviewerPage.measure(api, district, sites.getFirst(), c, Integer.getInteger("bench.page.times", 500));
            }
            System.out.printf("RESULT server resident memory %d MiB (target <= 1024)%n", ReviewerPage.residentMib(SoakBenchmark.serverPid()));
        } finally {
            if (keep.isBlank()) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Hits per answer (a reviewer's page: 20); {@code -Dbench.limit=1} keeps the search and shrinks the answer to one hit. */
    private static final int PAGE = Integer.getInteger("bench.limit", 20);

    /** One query of the mix and what kind it is (for the per-kind report). */
    record Probe(String kind, SearchRequest request) {
    }

    private static String url(String api, String district, Probe q) {
        return api + "/districts/" + district + "/search?" + params(q.request());
    }

    /** A reviewer's day: mostly names and ID endings, some comment words, some with filters. */
    static List<Probe> mix(int count, int n, List<String> sites, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Probe> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticData.Person p = SyntheticData.person(r.nextInt(n), sites);
            String name = p.name();
            String q = switch (i % 10) {
                case 0 -> name.substring(name.length() - 1);                 // one given-name character: many hits
                case 1, 2 -> name;                                          // the whole name
                case 3 -> name.substring(0, 2);                             // surname + first character
                case 4 -> p.idNumber().substring(14);                       // last 4 of the ID number
                case 5 -> p.idNumber().substring(12);                       // last 6
                case 6 -> p.idNumber();                                     // whole ID number
                case 7 -> p.phone().substring(7);                           // phone ending
                case 8 -> COMMENT_QUERIES.get(r.nextInt(COMMENT_QUERIES.size()));
                default -> name.substring(name.length() - 1);
            };
            boolean filtered = i % 10 == 9;
            boolean byDate = i % 20 == 0;
            String kind = byDate ? "1 char by date" : KINDS[i % 10];
            out.add(new Probe(kind, new SearchRequest(q, filtered ? Optional.of("FILLING") : Optional.empty(),
                    filtered ? Optional.of(sites.getFirst()) : Optional.empty(), Optional.empty(), filtered,
                    byDate ? SearchRequest.Sort.DATE : SearchRequest.Sort.RELEVANCE, 0, PAGE, Optional.empty())));
        }
        return out;
    }

    /** What query i of {@link #mix} is (i % 10). */
    static final String[] KINDS = {"1 char", "name", "name", "2 chars", "ID last 4", "ID last 6", "ID", "phone last 4",
            "comment words", "1 char + filters"};

    /** Prints each kind's percentiles; returns the kind with the highest p95 and that p95 in ns. */
    static Map.Entry<String, Long> byKind(String what, List<Probe> mix, long[] nanos) {
        Map<String, List<Long>> kinds = new LinkedHashMap<>();
        for (int i = 0; i < nanos.length; i++) {
            kinds.computeIfAbsent(mix.get(i).kind(), k -> new ArrayList<>()).add(nanos[i]);
        }
        Map.Entry<String, Long> worst = Map.entry("", 0L);
        for (Map.Entry<String, List<Long>> k : kinds.entrySet()) {
            long[] a = k.getValue().stream().mapToLong(Long::longValue).toArray();
            long p95 = percentile(a, 95);
            System.out.printf("  %-10s %-17s n %4d  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms%n", what, k.getKey(), a.length,
                    percentile(a, 50) / 1e6, p95 / 1e6, Arrays.stream(a).max().orElse(0) / 1e6);
            if (p95 > worst.getValue()) {
                worst = Map.entry(k.getKey(), p95);
            }
        }
        return worst;
    }

    /** Median of each stage per kind of query, in microseconds (see SearchResult.stageMicros). */
    static void stagesByKind(List<Probe> mix, List<Map<String, Long>> stages) {
        Map<String, Map<String, List<Long>>> kinds = new LinkedHashMap<>();
        for (int i = 0; i < mix.size(); i++) {
            Map<String, List<Long>> k = kinds.computeIfAbsent(mix.get(i).kind(), x -> new LinkedHashMap<>());
            stages.get(i).forEach((stage, micros) -> k.computeIfAbsent(stage, x -> new ArrayList<>()).add(micros * 1000));
        }
        for (int p : new int[] {50, 95}) {   // p95 too: which stage makes a kind's tail
            kinds.forEach((kind, perStage) -> System.out.printf("  stages p%d %-17s %s%n", p, kind, perStage.entrySet().stream()
                    .map(e -> String.format("%s %.2f", e.getKey(), percentile(e.getValue().stream().mapToLong(Long::longValue).toArray(), p) / 1e6))
                    .collect(Collectors.joining(", ")) + " ms"));
        }
    }

    /** The comment-word queries one by one: which words make that kind's tail, and in which stage. */
    static void byCommentWord(List<Probe> mix, long[] nanos, long[] totals, List<Map<String, Long>> stages) {
        Map<String, List<Integer>> words = new LinkedHashMap<>();
        for (int i = 0; i < mix.size(); i++) {
            if ("comment words".equals(mix.get(i).kind())) {
                words.computeIfAbsent(mix.get(i).request().q(), k -> new ArrayList<>()).add(i);
            }
        }
        words.forEach((word, at) -> {
            long[] a = at.stream().mapToLong(i -> nanos[i]).toArray();
            Map<String, List<Long>> perStage = new LinkedHashMap<>();
            at.forEach(i -> stages.get(i).forEach((stage, micros) -> perStage.computeIfAbsent(stage, x -> new ArrayList<>()).add(micros * 1000)));
            System.out.printf("  comment %-8s n %3d, %,8d hits  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms; stages p50 %s ms%n", word,
                    a.length, totals[at.getFirst()],
                    percentile(a, 50) / 1e6, percentile(a, 95) / 1e6, Arrays.stream(a).max().orElse(0) / 1e6,
                    perStage.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(),
                            percentile(e.getValue().stream().mapToLong(Long::longValue).toArray(), 50) / 1e6)).collect(Collectors.joining(", ")));
        });
    }

    /** The server's own search time, from its Server-Timing header ("search;dur=1.234"). */
    static long serverSearchNanos(Answer r) {
        return serverTimingNanos(r, "search");
    }

    /** One entry of the answer's Server-Timing header ("name;dur=1.234"), in ns; 0 when absent. */
    static long serverTimingNanos(Answer r, String name) {
        String header = r.serverTiming() == null ? "" : r.serverTiming();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|, )" + name + ";dur=([0-9.]+)").matcher(header);
        return m.find() ? (long) (Double.parseDouble(m.group(1)) * 1e6) : 0;
    }

    static String params(SearchRequest q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", q.q());
        q.status().ifPresent(s -> p.put("status", s));
        q.site().ifPresent(s -> p.put("site", s));
        if (q.openCommentsOnly()) {
            p.put("openComments", "true");
        }
        p.put("sort", q.sort().name().toLowerCase());
        p.put("limit", String.valueOf(q.limit()));
        return p.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static void report(String what, long[] nanos) {
        System.out.printf("LATENCY %-14s p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
                Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    static long percentile(long[] values, int p) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** One query over HTTP: its wall time; the server's own search time and search + audit commit into the arrays at {@code i}. */
    private static long overHttp(String api, String district, Probe q, String token, long[] serverSearch, long[] audited, int i)
            throws Exception {
        String u = url(api, district, q);
        long s = System.nanoTime();
        Answer r = get(u, token);
        long wall = System.nanoTime() - s;
        serverSearch[i] = serverSearchNanos(r);
        audited[i] = serverTimingNanos(r, "audited");
        return wall;
    }

    private static Answer get(String url, String token) throws Exception {
        return BlockingHttp.expect(200, "GET", url, token, null, null);
    }

    private static String send(String url, String token, String method) throws Exception {
        BlockingHttp.Answer r = BlockingHttp.exchange(method, url, token, null, null);
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + r.status() + " " + r.body());
        }
        return r.body();
    }

    private static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int segments(DistrictIndex index) throws java.io.IOException {
        var s = index.acquire();
        try {
            return s.getIndexReader().leaves().size();
        } finally {
            index.release(s);
        }
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
