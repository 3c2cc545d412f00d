package cn.shenhe.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing acknowledged is lost (issue 14 §5). A server of its own (a copy of the H2 test server's
 * configuration, its own ports and data folder) is killed with SIGKILL while four clients upload; after
 * it restarts, every picture it answered 201 for is there, with the same bytes where a client read them
 * before the kill, and every picture a registration lists can be read (no row without its picture).
 * Then {@code scripts/backup.sh} backs it up and restores it into a fresh server: every picture decrypts
 * to the same bytes there, and search works again from the restored database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the backup also carries the pictures that survived the kill
class CrashRecoveryIT {

    /** Two servers of its own, never running at once: the one killed, and the fresh one a backup is restored into. */
    private static final OwnServer CRASHED = new OwnServer(31);
    private static final OwnServer RESTORED = new OwnServer(32);
    private static final int CLIENTS = 4;
    private static final String[] TYPES = {"practice-proof", "other"};   // 5 pictures each
    /** Every picture acknowledged so far, with the SHA-256 of its bytes where a client read it. */
    private static final Map<String, Acknowledged> ACKNOWLEDGED = new ConcurrentHashMap<>();
    private static final Map<String, String> OWNER = new ConcurrentHashMap<>();   // registration -> its candidate's token

    /** What a 201 promised: the picture's URL and size, and its SHA-256 where the client read it back. */
    private record Acknowledged(String registration, String url, long bytes, byte[] sha256) {
    }

    @BeforeAll
    static void createServer() throws Exception {
        CRASHED.create();
        CRASHED.start();
    }

    @AfterAll
    static void removeServers() throws Exception {
        CRASHED.stop();
        RESTORED.stop();
        CRASHED.delete();
        RESTORED.delete();
    }

    @Test
    @Order(1)
    void everyAcknowledgedUploadSurvivesAKill9() throws Exception {
        List<List<String[]>> work = new ArrayList<>();   // per client: (token, registration) pairs
        for (int c = 0; c < CLIENTS; c++) {
            List<String[]> mine = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String token = Keycloak.createUser("candidate", "bj", null).token();
                String r = register(CRASHED, token);
                OWNER.put(r, token);
                mine.add(new String[] {token, r});
            }
            work.add(mine);
        }
        byte[] photo = TestImages.jpeg(1000, 750);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(24);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (List<String[]> mine : work) {
            clients.submit(() -> {
                try {
                    for (String[] tr : mine) {
                        for (String type : TYPES) {
                            for (int i = 0; i < 5; i++) {
                                Response r = given().baseUri(CRASHED.v1()).auth().oauth2(tr[0]).contentType("image/jpeg").body(photo)
                                        .post("/districts/bj/registrations/" + tr[1] + "/materials/" + type + "/images");
                                if (r.statusCode() != 201) throw new IllegalStateException(r.statusCode() + " " + r.asString());
                                String url = r.jsonPath().getString("url");
                                // promised from here on, whether or not the read-back below beats the kill
                                ACKNOWLEDGED.put(url, new Acknowledged(tr[1], url, r.jsonPath().getLong("bytes"), null));
                                ACKNOWLEDGED.put(url, new Acknowledged(tr[1], url, r.jsonPath().getLong("bytes"), sha256(read(CRASHED, tr[0], url))));
                                enough.countDown();
                            }
                        }
                    }
                } catch (Exception e) {   // RestAssured rethrows a ConnectException unchecked-style
                    errors.incrementAndGet();   // the kill: a refused or cut connection
                }
            });
        }
        assertTrue(enough.await(180, TimeUnit.SECONDS), "24 uploads acknowledged before the kill; " + ACKNOWLEDGED.size() + " were");
        CRASHED.kill9();   // SIGKILL: no shutdown hook, no flush
        clients.shutdown();
        assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS));
        int promised = ACKNOWLEDGED.size();

        CRASHED.start();
        assertAllThere(CRASHED);
        // and no row without its picture: everything the registrations list reads back
        int listed = 0;
        for (List<String[]> mine : work) {
            for (String[] tr : mine) {
                List<String> urls = given().baseUri(CRASHED.v1()).auth().oauth2(tr[0]).get("/districts/bj/registrations/" + tr[1])
                        .then().statusCode(200).extract().jsonPath().getList("materials.images.flatten().url", String.class);
                for (String url : urls) {
                    assertTrue(read(CRASHED, tr[0], url).length > 0, url);
                    listed++;
                }
            }
        }
        assertTrue(listed >= promised, listed + " pictures listed, " + promised + " acknowledged");
        System.out.printf("CrashRecoveryIT: %d uploads acknowledged before the kill (%d clients cut off), %d listed after the restart%n",
                promised, errors.get(), listed);
    }

    @Test
    @Order(2)
    void aBackupRestoresIntoAFreshServer() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String r = register(CRASHED, token);
        OWNER.put(r, token);
        for (int i = 0; i < 3; i++) {
            Response up = given().baseUri(CRASHED.v1()).auth().oauth2(token).contentType("image/jpeg")
                    .body(TestImages.jpeg(1000 + i, 750)).post("/districts/bj/registrations/" + r + "/materials/other/images");
            assertEquals(201, up.statusCode(), up.asString());
            String url = up.jsonPath().getString("url");
            ACKNOWLEDGED.put(url, new Acknowledged(r, url, up.jsonPath().getLong("bytes"), sha256(read(CRASHED, token, url))));
        }

        CRASHED.stop();
        Path archive = CRASHED.dir().resolveSibling(RESTORED.name() + "-backup.tar.gz");
        assertEquals(0, script("backup.sh", "create", archive.toString(), CRASHED.dir().resolve("data").toString()));
        RESTORED.create();
        assertEquals(0, script("backup.sh", "restore", archive.toString(), RESTORED.dir().resolve("data").toString()));
        RESTORED.start();
        try {
            assertAllThere(RESTORED);
            // the search index was not in the backup: rebuilt from the restored database at start
            String admin = Keycloak.createUser("district-admin", "bj", null).token();
            given().baseUri(RESTORED.v1()).auth().oauth2(admin).get("/districts/bj/search?q=" + r)
                    .then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
        } finally {
            RESTORED.stop();
            Files.deleteIfExists(archive);
        }
    }

    /** Every picture acknowledged so far reads back from the server: same size, a JPEG, the same bytes where known. */
    private static void assertAllThere(OwnServer server) {
        List<String> lost = new ArrayList<>();
        for (Acknowledged a : ACKNOWLEDGED.values()) {
            String token = OWNER.get(a.registration());
            Response r = given().baseUri(server.base()).auth().oauth2(token).get(a.url());
            if (r.statusCode() != 200) {
                // which half was lost: the row (the registration no longer lists it) or the picture (listed, not readable)
                boolean listed = given().baseUri(server.v1()).auth().oauth2(token).get("/districts/bj/registrations/" + a.registration())
                        .jsonPath().getList("materials.images.flatten().url", String.class).contains(a.url());
                lost.add(a.url() + " -> " + r.statusCode() + (listed ? " (row there, picture not)" : " (no row)"));
                continue;
            }
            byte[] back = r.asByteArray();
            assertEquals(a.bytes(), back.length, a.url());
            assertTrue(back[0] == (byte) 0xFF && back[1] == (byte) 0xD8, "a JPEG: " + a.url());
            if (a.sha256() != null) assertArrayEquals(a.sha256(), sha256(back), "the same bytes as before: " + a.url());
        }
        assertTrue(lost.isEmpty(), lost.size() + " of " + ACKNOWLEDGED.size() + " acknowledged pictures lost: " + lost);
    }

    private static String register(OwnServer server, String token) {
        return given().baseUri(server.v1()).auth().oauth2(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static byte[] read(OwnServer server, String token, String url) {
        return given().baseUri(server.base()).auth().oauth2(token).get(url).then().statusCode(200).extract().asByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of the repository's scripts, as an operator runs it. */
    private static int script(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of(System.getProperty("it.repo.root", "../..")).resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor(300, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
