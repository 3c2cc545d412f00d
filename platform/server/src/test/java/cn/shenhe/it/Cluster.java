package cn.shenhe.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The two-node setup of {@code scripts/cluster.sh} on the tests' own ports: HAProxy on the test server's
 * HTTP port + 40, nodes A and B on + 41 and + 42, their own s3proxy (the test one's port + 1), their own
 * PostgreSQL schema, the tests' Keycloak and districts. Started empty; the script is the one people use.
 */
final class Cluster {

    static final int HTTP = Integer.parseInt(System.getProperty("it.http.port", "19080"));
    static final int LB = HTTP + 40;
    static final int A = HTTP + 41;
    static final int B = HTTP + 42;
    private static final Path ROOT = Path.of(System.getProperty("it.repo.root", "../..")).toAbsolutePath().normalize();
    /** Each user's upload burst on the nodes (then 30 a minute), shared by both. */
    static final int UPLOAD_BURST = 40;
    static final Path RUN_DIR = Path.of("target/cluster-it").toAbsolutePath();
    private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Cluster() {
    }

    static void up() {
        script(Map.of("CLUSTER_FRESH", "1"), "up");
    }

    static void down() {
        script(Map.of(), "down");
    }

    /** {@code start}, {@code stop} or {@code kill} (SIGKILL) one node. */
    static void node(String action, int port) {
        script(Map.of(), "node", action, String.valueOf(port));
    }

    static void objectStore(String action) {
        int code = run(List.of("bash", ROOT.resolve("scripts/s3proxy.sh").toString(), action), Map.of(
                "S3PROXY_PORT", String.valueOf(s3Port()), "S3PROXY_RUN_DIR", RUN_DIR.resolve("s3proxy").toString()));
        if (code != 0) throw new AssertionError("s3proxy.sh " + action + " exited " + code);
    }

    /** Where a node keeps its search indexes (its data folder's {@code search}). */
    static Path indexes(int port) {
        return RUN_DIR.resolve("shenhe-node-" + port).resolve("search");
    }

    static RequestSpecification api(int port, String token) {
        RequestSpecification s = given().baseUri("http://localhost:" + port).basePath("/api/v1").header("Accept-Language", "zh-CN");
        return token == null ? s : s.auth().oauth2(token);
    }

    static RequestSpecification base(int port, String token) {
        RequestSpecification s = given().baseUri("http://localhost:" + port);
        return token == null ? s : s.auth().oauth2(token);
    }

    static int ready(int port) {
        try {
            return HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Polls until true; returns the milliseconds it took. Fails when no poll started within {@code within} saw it
     * (a poll that started in time counts even if its answer came later: a loaded machine's request time is not
     * the node's delay).
     */
    static long await(String what, Duration within, BooleanSupplier condition) {
        long t0 = System.nanoTime();
        long deadline = t0 + within.toNanos();
        while (true) {
            boolean ok;
            try {
                ok = condition.getAsBoolean();
            } catch (RuntimeException notYet) {   // a node still starting refuses connections
                ok = false;
            }
            if (ok) return (System.nanoTime() - t0) / 1_000_000;
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + within);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String schema() {
        return System.getProperty("it.db.schema", "shenhe_it") + "_cluster";
    }

    /** The newest search snapshot's log position of the district, from the nodes' database; -1: none yet. */
    static long newestSnapshot(String district) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema(), "postgres", "");
             java.sql.PreparedStatement q = c.prepareStatement("SELECT log_position FROM search_snapshot WHERE district = ?")) {
            q.setString(1, district);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's server log so far. */
    static String messages(int port) throws IOException {
        // the Liberty install the build made, as OwnServer finds it (cluster.sh makes its nodes there)
        Path wlp = Path.of(System.getProperty("it.wlp.home", "target/liberty/wlp"));
        return Files.readString(wlp.resolve("usr/servers/shenhe-node-" + port + "/logs/messages.log"));
    }

    private static int s3Port() {
        return Integer.parseInt(System.getProperty("it.s3.port", "19400")) + 1;
    }

    private static void script(Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/cluster.sh").toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CLUSTER_LB_PORT", String.valueOf(LB),
                "CLUSTER_NODE_PORTS", A + " " + B,
                "CLUSTER_S3_PORT", String.valueOf(s3Port()),
                "CLUSTER_SCHEMA", schema(),
                "CLUSTER_RUN_DIR", RUN_DIR.toString(),
                "CLUSTER_TENANT_CONFIGS", Path.of("target/it-tenant-configs").toAbsolutePath().toString(),
                "KC_PORT", System.getProperty("it.keycloak.port", "18180"),
                // the tests' candidates upload faster than people, but within one burst each: the limit is tested
                "SHENHE_UPLOAD_RATE_BURST", String.valueOf(UPLOAD_BURST),
                // a snapshot of the indexes every minute, for the node that loses its own
                "SHENHE_SEARCH_SNAPSHOT_MINUTES", "1"));
        env.putAll(extra);
        int code = run(command, env);
        if (code != 0) throw new AssertionError("cluster.sh " + String.join(" ", args) + " exited " + code + "; see " + RUN_DIR);
    }

    private static int run(List<String> command, Map<String, String> env) {
        try {
            Files.createDirectories(RUN_DIR);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(RUN_DIR.resolve("cluster.out").toFile()));
            pb.environment().putAll(env);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            if (!p.waitFor(900, TimeUnit.SECONDS)) {   // two nodes start one after the other
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
