package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.S3BlobStore;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server with its pictures in the object store (the PostgreSQL test server, configured for the
 * s3proxy the build starts): an upload lands in the bucket; the store stopped, uploads are refused
 * with 503 and nothing is half-stored, readiness goes DOWN and comes back UP with the store; an
 * object no row names is swept.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.blobs.kind", matches = "s3")
class ObjectStoreIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application().addClass(Fixtures.class);
    }

    /** The bucket as the server sees it (same endpoint, bucket and keys as the server's configuration in the pom). */
    private static final S3BlobStore BUCKET = new S3BlobStore(new S3BlobStore.Settings(
            URI.create("http://127.0.0.1:" + System.getProperty("it.s3.port", "19400")), "shenhe", "us-east-1", true,
            "shenhe", "shenhe-secret"));

    @AfterAll
    static void close() {
        BUCKET.close();
    }

    @Test
    void anUploadIsAnObjectInTheBucketAndReadsBackThroughTheApi() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String reg = Api.register(token, "bj", 2027, "bj-01");
        Response up = Api.upload(token, "bj", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg");
        up.then().statusCode(201);
        String key = "bj/" + reg + "/" + up.jsonPath().getString("id").toLowerCase() + ".jpg";

        byte[] served = Api.as(token).get(up.jsonPath().getString("url").substring("/api/v1".length()))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        // the object is the picture sealed under bj's key: the API serves it decrypted, the bucket holds no JPEG
        byte[] stored = object(key);
        assertEquals(0xFFD8, ((served[0] & 0xFF) << 8) | (served[1] & 0xFF), "the API serves a JPEG");
        assertTrue(stored.length > served.length, "sealed: " + stored.length + " vs " + served.length);
        assertFalse(stored[0] == (byte) 0xFF && stored[1] == (byte) 0xD8, "the bucket holds no JPEG");
        assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains("JFIF"), "nor its header");
    }

    @Test
    void withTheStoreDownUploadsAreRefusedNothingIsHalfStoredAndReadinessFollowsTheStore() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String reg = Api.register(token, "bj", 2027, "bj-01");
        byte[] picture = TestImages.jpeg(1000, 750);
        s3proxy("stop");
        try {
            Response refused = Api.upload(token, "bj", reg, "id-card", picture, "image/jpeg");
            refused.then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("storage-unavailable"))
                    .body("messages.'zh-CN'", not(equalTo(null)))
                    .body("messages.en", not(equalTo(null)));
            Api.as(token).get("/districts/bj/registrations/" + reg).then().statusCode(200)
                    .body("materials.find { it.code == 'id-card' }.count", equalTo(0));
            await("readiness DOWN while the store is unreachable", () -> {
                Response r = Api.server().get("/health/ready");
                return r.statusCode() == 503 && "DOWN".equals(r.jsonPath().getString("checks.find { it.name == 'shenhe' }.data.blobs"));
            });
        } finally {
            s3proxy("start");
        }
        await("readiness UP once the store answers again", () -> Api.server().get("/health/ready").statusCode() == 200);
        Api.server().get("/health/ready").then().body("checks.find { it.name == 'shenhe' }.data.blobs", equalTo("UP"));
        String id = Api.upload(token, "bj", reg, "id-card", picture, "image/jpeg").then().statusCode(201)
                .extract().jsonPath().getString("id");
        assertEquals(List.of("bj/" + reg + "/" + id.toLowerCase() + ".jpg"), keys("bj/" + reg + "/"),
                "the refused upload left no object behind, the accepted one is there");
    }

    @Test
    void theOrphanSweepRemovesAnObjectNoRowNames() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String reg = Api.register(token, "bj", 2027, "bj-01");
        String id = Api.upload(token, "bj", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201)
                .extract().jsonPath().getString("id");
        String named = "bj/" + reg + "/" + id.toLowerCase() + ".jpg";
        // as a crash between the store's acknowledgement and the commit leaves it
        String orphan = "bj/" + reg + "/01orphan" + System.nanoTime() + ".jpg";
        BUCKET.put(orphan, new byte[] {1, 2, 3});

        // a cutoff past both: only the row decides
        int removed = Integer.parseInt(Api.anonymous().queryParam("cutoff", Instant.now().plusSeconds(60).toString())
                .post("/it/fixtures/orphan-sweep").then().statusCode(200).extract().asString().trim());

        assertTrue(removed >= 1, "removed " + removed);
        assertEquals(List.of(named), keys("bj/" + reg + "/"));
    }

    private static byte[] object(String key) throws IOException {
        try (InputStream in = BUCKET.open(key).orElseThrow(() -> new AssertionError("no object " + key + " in the bucket"))) {
            return in.readAllBytes();
        }
    }

    private static List<String> keys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        BUCKET.forEach(prefix, (BlobStore.Entry e) -> keys.add(e.key()));
        return keys;
    }

    /** Stops or starts the build's s3proxy with the script that started it. */
    private static void s3proxy(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", System.getProperty("it.s3proxy.script"), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("it.s3proxy.run.dir"), "script.log")));
        pb.environment().put("S3PROXY_PORT", System.getProperty("it.s3.port"));
        pb.environment().put("S3PROXY_JAR", System.getProperty("it.s3proxy.jar"));
        pb.environment().put("S3PROXY_RUN_DIR", System.getProperty("it.s3proxy.run.dir"));
        assertEquals(0, pb.start().waitFor(), "s3proxy.sh " + command + " (see script.log in " + System.getProperty("it.s3proxy.run.dir") + ")");
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(250);
        }
    }
}
