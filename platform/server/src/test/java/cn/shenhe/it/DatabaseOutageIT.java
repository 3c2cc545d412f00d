package cn.shenhe.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped mid-upload (issue 14 §5), on a PostgreSQL of the test's own (Debian's binaries, a
 * throw-away cluster on its own port: the machine's shared one is never touched) under a server of its
 * own. While it is down, uploads are refused with 503 {@code database-unavailable} (never a 500, never a
 * 201); once it is back, uploads succeed again without restarting the server, and every picture that was
 * answered 201 is listed and readable.
 */
class DatabaseOutageIT {

    private static final int PG_PORT = OwnServer.HTTP + 34;
    private static final Path PG_DATA = Path.of("target/pg-outage-" + PG_PORT).toAbsolutePath();
    private static final Path PG_BIN = postgresBin();
    private static final OwnServer SERVER = new OwnServer(33, Map.of("db.kind", "postgresql", "DB_HOST", "127.0.0.1",
            "DB_PORT", String.valueOf(PG_PORT), "DB_NAME", "postgres", "DB_SCHEMA", "shenhe_outage",
            "shenhe.db.clean-on-start", "true",
            // one candidate uploads and deletes in a loop here: a test of outages, not of the per-user rate (burst 30)
            "shenhe.upload.rate.burst", "100000"));

    @BeforeAll
    static void startDatabaseAndServer() throws Exception {
        assumeTrue(PG_BIN != null, "PostgreSQL's binaries (Debian's postgresql package) are not installed");
        exec("rm", "-rf", PG_DATA.toString());
        Files.createDirectories(PG_DATA);
        if (isRoot()) exec("chown", "postgres:postgres", PG_DATA.toString());
        assertEquals(0, pg(PG_BIN.resolve("initdb").toString(), "-D", PG_DATA.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"), "initdb");
        startDatabase();
        SERVER.create();
        SERVER.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (PG_BIN == null) return;
        SERVER.stop();
        SERVER.delete();
        pg(PG_BIN.resolve("pg_ctl").toString(), "-D", PG_DATA.toString(), "-m", "immediate", "stop");
        exec("rm", "-rf", PG_DATA.toString());
    }

    @Test
    void uploadsAreRefusedClearlyWhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String r = given().baseUri(SERVER.v1()).auth().oauth2(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations").then().statusCode(201).extract().jsonPath().getString("id");
        byte[] photo = TestImages.jpeg(1000, 750);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        client.submit(() -> {
            // upload, delete, upload...: the type keeps room, and the database is busy when it stops
            String last = null;
            while (running.get() && answers.size() < 2000) {
                String answer;
                if (last == null) {
                    Response up = upload(token, r, photo);
                    answer = up.statusCode() + " " + code(up);
                    if (up.statusCode() == 201) {
                        last = up.jsonPath().getString("url");
                        acknowledged.add(last);
                    }
                } else {
                    Response del = given().baseUri(SERVER.base()).auth().oauth2(token).delete(last);
                    answer = del.statusCode() + " " + (del.statusCode() == 204 ? "" : code(del));
                    if (del.statusCode() == 204) {
                        deleted.add(last);
                        last = null;
                    }
                }
                answers.add(answer.strip());
                if (answer.startsWith("5")) Thread.sleep(200);   // the database is down: no hammering
            }
            return null;
        });
        Thread.sleep(1500);   // some uploads go through, then the database stops under them
        stopDatabase();
        Thread.sleep(4000);
        Response during = upload(token, r, photo);
        assertEquals(503, during.statusCode(), during.asString());
        assertEquals("database-unavailable", code(during));
        assertTrue(during.header("Retry-After") != null, "Retry-After");
        given().baseUri(SERVER.base()).get("/health/ready").then().statusCode(503);

        startDatabase();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Response after;
        do {
            Thread.sleep(1000);
            after = upload(token, r, photo);
        } while (after.statusCode() != 201 && System.nanoTime() < deadline);
        assertEquals(201, after.statusCode(), "uploads work again once the database is back: " + after.asString());
        acknowledged.add(after.jsonPath().getString("url"));
        running.set(false);
        client.shutdown();
        assertTrue(client.awaitTermination(60, TimeUnit.SECONDS));

        List<String> seen = new ArrayList<>(answers);
        assertTrue(seen.stream().allMatch(a -> a.startsWith("201") || a.startsWith("204") || a.equals("503 database-unavailable")),
                "only 201, 204 and 503 database-unavailable while it went down and came back: " + seen);
        Set<String> kept = new java.util.HashSet<>(acknowledged);
        kept.removeAll(deleted);
        assertEquals(kept, Set.copyOf(listed(token, r)), "every 201 not deleted since is listed, and nothing else");
        for (String url : kept) {
            given().baseUri(SERVER.base()).auth().oauth2(token).get(url).then().statusCode(200);
        }
        System.out.printf("DatabaseOutageIT: %d answers while the database went down and came back: %s%n", seen.size(),
                seen.stream().collect(java.util.stream.Collectors.groupingBy(a -> a, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
    }

    private static Response upload(String token, String r, byte[] photo) {
        return given().baseUri(SERVER.v1()).auth().oauth2(token).contentType("image/jpeg").body(photo)
                .post("/districts/bj/registrations/" + r + "/materials/other/images");
    }

    private static List<String> listed(String token, String r) {
        return given().baseUri(SERVER.v1()).auth().oauth2(token).get("/districts/bj/registrations/" + r)
                .then().statusCode(200).extract().jsonPath().getList("materials.images.flatten().url", String.class);
    }

    private static String code(Response r) {
        return r.statusCode() == 201 ? "" : String.valueOf(r.jsonPath().getString("code"));
    }

    private static void startDatabase() throws Exception {
        assertEquals(0, pg(PG_BIN.resolve("pg_ctl").toString(), "-D", PG_DATA.toString(), "-w", "-l", PG_DATA.resolve("log").toString(),
                "-o", "-p " + PG_PORT + " -k " + PG_DATA + " -c listen_addresses=127.0.0.1", "start"), "pg_ctl start");
    }

    /** Immediate: as a crash would (no checkpoint, connections cut). */
    private static void stopDatabase() throws Exception {
        assertEquals(0, pg(PG_BIN.resolve("pg_ctl").toString(), "-D", PG_DATA.toString(), "-m", "immediate", "stop"), "pg_ctl stop");
    }

    /** PostgreSQL's tools refuse to run as root: as its own user then. */
    private static int pg(String... command) throws IOException, InterruptedException {
        if (!isRoot()) return exec(command);
        List<String> as = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        as.addAll(List.of(command));
        return exec(as.toArray(String[]::new));
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/pg-outage.out").toFile())).start();
        return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path postgresBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
