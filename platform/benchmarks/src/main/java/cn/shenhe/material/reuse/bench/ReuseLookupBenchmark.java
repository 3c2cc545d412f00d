package cn.shenhe.material.reuse.bench;

import cn.shenhe.material.reuse.ReuseBands;
import cn.shenhe.material.reuse.ReuseIndex;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.PGConnection;

/**
 * The reuse lookup ({@link ReuseIndex#near}, the code the server runs after every upload) at a million stored
 * pictures on PostgreSQL: milliseconds per lookup, as a distribution (p50, p95, p99). The schema is the
 * server's (Flyway, the same migrations) in its own schema ({@code -Dbench.reuse.schema}, default
 * {@code shenhe_bench_reuse}), filled once by COPY and kept between runs: 100,000 registrations with 10
 * pictures each over 31 districts.
 *
 * <p>The hashes are not uniform: documents of one kind look alike, so each picture's hash is one of 1,000
 * "template" hashes with every bit flipped with probability 0.15 (two pictures of one template then lie ~16 bits
 * apart, as photos of two people's cards of one template did in {@code PerceptualHashTest}). A lookup is for
 * a copy of a stored picture (5 bits flipped: one match) or for a new picture of a random template; in every
 * district (what the server does) or in one.
 *
 * <pre>
 * ./mvnw -q -pl platform/benchmarks -am test-compile -Pjmh -Djmh.args="ReuseLookupBenchmark -f 1 -wi 3 -i 5 -w 5s -r 10s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReuseLookupBenchmark {

    static final int TEMPLATES = 1000;
    static final double FLIP = 0.15;
    static final int DISTRICTS = 31;
    static final int PER_REGISTRATION = 10;

    @Param("1000000")
    public int pictures;
    @Param({"all", "district"})
    public String scope;
    @Param({"copy", "new"})
    public String query;

    private Connection connection;
    private long[] templates;
    private long[] sample;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String schema = System.getProperty("bench.reuse.schema", "shenhe_bench_reuse");
        String url = System.getProperty("bench.reuse.jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("bench.db.user", "postgres"), password = System.getProperty("bench.db.password", "");
        Flyway.configure(ReuseLookupBenchmark.class.getClassLoader()).dataSource(url + "?currentSchema=" + schema, user, password)
                .schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        connection = DriverManager.getConnection(url + "?currentSchema=" + schema, user, password);
        templates = templates();
        int present = count("SELECT COUNT(*) FROM material_image");
        if (present < pictures) {
            load(present);
        }
        // hashes of stored pictures, to copy
        sample = new long[10_000];
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT phash FROM material_image TABLESAMPLE SYSTEM (2) LIMIT " + sample.length)) {
            int i = 0;
            while (rs.next() && i < sample.length) {
                sample[i++] = rs.getLong(1);
            }
        }
        System.out.printf("%n%,d pictures in %s%n", count("SELECT COUNT(*) FROM material_image"), schema);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        connection.close();
    }

    @Benchmark
    public List<ReuseIndex.Near> lookup() throws SQLException {
        long hash;
        if (query.equals("copy")) {
            hash = sample[random.nextInt(sample.length)];
            for (int i = 0; i < 5; i++) {
                hash ^= 1L << random.nextInt(64);
            }
        } else {
            hash = member(templates[random.nextInt(TEMPLATES)], random);
        }
        return ReuseIndex.near(connection, hash, scope.equals("all") ? null : district(random.nextInt(DISTRICTS)));
    }

    private void load(int present) throws SQLException {
        long t0 = System.nanoTime();
        PGConnection pg = connection.unwrap(PGConnection.class);
        SplittableRandom r = new SplittableRandom(42 + present);
        int registrations = (pictures - present + PER_REGISTRATION - 1) / PER_REGISTRATION;
        int first = present / PER_REGISTRATION;
        StringBuilder regs = new StringBuilder(), images = new StringBuilder();
        for (int i = first; i < first + registrations; i++) {
            String id = String.format("BREG%016d", i), district = district(i % DISTRICTS);
            regs.append(id).append('\t').append(district).append("\tbench-").append(i).append("\tbench-").append(i)
                    .append("\t考生\t2027\tclinical-physician\t").append(district).append("-01\tFILLING\t2026-12-01 00:00:00+00\t")
                    .append("2026-12-01 00:00:00+00\t1\tFILLING\n");
            for (int k = 0; k < PER_REGISTRATION; k++) {
                long hash = member(templates[r.nextInt(TEMPLATES)], r);
                int[] bands = ReuseBands.of(hash);
                String image = String.format("BIMG%016d%02d", i, k);
                images.append(image).append('\t').append(district).append('\t').append(id).append("\tid-card\tSUBMITTED\t")
                        .append(district).append('/').append(id).append('/').append(image).append(".jpg\timage/jpeg\t150000\t1000\t750\tJPEG\t150000\t")
                        .append("0".repeat(64)).append("\tbench-").append(i).append("\t2026-12-01 00:00:00+00\t1\t").append(hash);
                for (int b : bands) {
                    images.append('\t').append(b);
                }
                images.append('\n');
            }
            if (images.length() > 8_000_000 || i == first + registrations - 1) {
                copy(pg, "registration (id, district_id, candidate_sub, candidate_username, candidate_name, exam_year, exam_category,"
                        + " site_code, status, created_at, updated_at, version, published_status)", regs);
                copy(pg, "material_image (id, district_id, registration_id, material_type, state, blob_key, content_type, stored_bytes,"
                        + " width, height, original_format, original_bytes, original_sha256, uploaded_by, uploaded_at, version, phash,"
                        + " phash_b0, phash_b1, phash_b2, phash_b3)", images);
                regs.setLength(0);
                images.setLength(0);
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("VACUUM ANALYZE material_image");   // index-only scans need the visibility map
            st.execute("ANALYZE registration");
        }
        System.out.printf("%nLOAD %,d pictures in %.1f s%n", pictures - present, (System.nanoTime() - t0) / 1e9);
    }

    private static void copy(PGConnection pg, String into, StringBuilder rows) throws SQLException {
        try {
            pg.getCopyAPI().copyIn("COPY " + into + " FROM STDIN", new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private int count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String district(int i) {
        return String.format("b%02d", i);
    }

    private static long[] templates() {
        SplittableRandom r = new SplittableRandom(1);
        long[] t = new long[TEMPLATES];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextLong();
        }
        return t;
    }

    private static long member(long template, SplittableRandom r) {
        long h = template;
        for (int bit = 0; bit < 64; bit++) {
            if (r.nextDouble() < FLIP) {
                h ^= 1L << bit;
            }
        }
        return h;
    }
}
