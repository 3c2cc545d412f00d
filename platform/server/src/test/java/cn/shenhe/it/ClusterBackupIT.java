package cn.shenhe.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.DistrictKeys;
import cn.shenhe.storage.EncryptedBlobStore;
import cn.shenhe.storage.S3BlobStore;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore of the multi-node layout (issue 14 §5): a server of its own on PostgreSQL and the object store
 * (the PostgreSQL execution's s3proxy) is backed up while it runs by {@code scripts/backup.sh create-cluster}
 * (pg_dump of its schema, its bucket through the S3 API, its keys), restored by {@code restore-cluster} into a
 * fresh schema, bucket and keys folder, and a fresh server started on them: every picture row of the restored
 * database decrypts from the restored bucket to the same bytes as the original's, every picture reads back through
 * the fresh server with its SHA-256, and search finds the registrations (the index rebuilt from the database).
 */
class ClusterBackupIT {

    private static final String S3 = "http://127.0.0.1:" + System.getProperty("it.s3.port", "19400");
    private static final String SCHEMA = System.getProperty("it.db.schema", "shenhe_it") + "_backup";
    private static final String RESTORED_SCHEMA = SCHEMA + "_restored";
    private static final String BUCKET = "backup-source";
    private static final String RESTORED_BUCKET = "backup-restored";
    /** The test servers' keys are made with the demo password (the server's Blobs.DEMO_PASSWORD). */
    private static final char[] KEYS_PASSWORD = "shenhe-demo-keys".toCharArray();
    private static final OwnServer SOURCE = new OwnServer(36, settings(SCHEMA, BUCKET, "true", null));
    private static final Path RESTORED_KEYS = Path.of("target/backup-it-keys").toAbsolutePath();
    private static final OwnServer RESTORED = new OwnServer(37, settings(RESTORED_SCHEMA, RESTORED_BUCKET, "false",
            RESTORED_KEYS.resolve("district-keys.p12").toString()));

    /** Every picture uploaded: its URL → the owner's token and the SHA-256 of the bytes the source served. */
    private static final Map<String, Map.Entry<String, byte[]>> UPLOADED = new LinkedHashMap<>();

    private static Map<String, String> settings(String schema, String bucket, String cleanOnStart, String keysFile) {
        Map<String, String> s = new LinkedHashMap<>(Map.of("db.kind", "postgresql", "DB_HOST", "127.0.0.1", "DB_NAME", "test",
                "DB_SCHEMA", schema, "shenhe.db.clean-on-start", cleanOnStart, "shenhe.blobs.kind", "s3",
                "shenhe.blobs.s3.endpoint", S3, "shenhe.blobs.s3.bucket", bucket));
        s.put("shenhe.blobs.s3.access-key", "shenhe");
        s.put("shenhe.blobs.s3.secret-key", "shenhe-secret");
        if (keysFile != null) {
            s.put("shenhe.keys.file", keysFile);
            s.put("shenhe.keys.create-missing", "false");
        }
        return s;
    }

    @BeforeAll
    static void startTheSource() throws Exception {
        sql("DROP SCHEMA IF EXISTS " + RESTORED_SCHEMA + " CASCADE");
        deleteTree(RESTORED_KEYS);
        for (String bucket : new String[] {BUCKET, RESTORED_BUCKET}) {
            try (S3BlobStore store = store(bucket)) {
                store.createBucketIfMissing();
                List<String> old = new ArrayList<>();
                store.forEach("", e -> old.add(e.key()));   // an earlier run's objects
                for (String key : old) store.delete(key);
            }
        }
        SOURCE.create();
        SOURCE.start();
    }

    @AfterAll
    static void removeServers() throws Exception {
        SOURCE.stop();
        RESTORED.stop();
        SOURCE.delete();
        RESTORED.delete();
    }

    @Test
    void aBackupOfTheRunningNodesRestoresIntoAFreshSchemaBucketAndServer() throws Exception {
        List<String> registrations = new ArrayList<>();
        for (String district : new String[] {"bj", "bj", "sh"}) {
            String token = Keycloak.createUser("candidate", district, null).token();
            String r = given().baseUri(SOURCE.v1()).auth().oauth2(token).contentType("application/json")
                    .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + district + "-01\"}")
                    .post("/districts/" + district + "/registrations").then().statusCode(201).extract().jsonPath().getString("id");
            registrations.add(district + "/" + r);
            for (int i = 0; i < 3; i++) {
                Response up = given().baseUri(SOURCE.v1()).auth().oauth2(token).contentType("image/jpeg")
                        .body(TestImages.jpeg(1000 + i, 750)).post("/districts/" + district + "/registrations/" + r + "/materials/other/images");
                assertEquals(201, up.statusCode(), up.asString());
                String url = up.jsonPath().getString("url");
                UPLOADED.put(url, Map.entry(token, sha256(read(SOURCE, token, url))));
            }
        }

        Path archive = Path.of("target/backup-it-cluster.tar.gz").toAbsolutePath();
        Files.deleteIfExists(archive);
        assertEquals(0, backup("create-cluster", archive, SCHEMA, BUCKET, SOURCE.dir().resolve("data/keys")), "create-cluster");
        SOURCE.stop();
        assertEquals(0, backup("restore-cluster", archive, RESTORED_SCHEMA, RESTORED_BUCKET, RESTORED_KEYS), "restore-cluster");
        assertTrue(backup("restore-cluster", archive, RESTORED_SCHEMA, RESTORED_BUCKET, RESTORED_KEYS) != 0,
                "refuses to restore over an existing schema");
        String again = RESTORED_SCHEMA + "_again";
        sql("DROP SCHEMA IF EXISTS " + again + " CASCADE");
        Path againKeys = RESTORED_KEYS.resolveSibling("backup-it-keys-again");
        deleteTree(againKeys);
        assertTrue(backup("restore-cluster", archive, again, RESTORED_BUCKET, againKeys) != 0, "refuses a bucket that holds pictures");
        assertFalse(Files.exists(againKeys), "refused before anything was written: no keys");
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + again + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nor the schema");
        }

        // every picture row of the restored database: decrypts with the restored keys to the original's bytes
        int rows = 0;
        try (EncryptedBlobStore restored = new EncryptedBlobStore(store(RESTORED_BUCKET),
                DistrictKeys.open(RESTORED_KEYS.resolve("district-keys.p12"), KEYS_PASSWORD, false));
             EncryptedBlobStore original = new EncryptedBlobStore(store(BUCKET),
                     DistrictKeys.open(SOURCE.dir().resolve("data/keys/district-keys.p12"), KEYS_PASSWORD, false))) {
            for (String key : blobKeys(RESTORED_SCHEMA)) {
                assertArrayEquals(sha256(bytes(original, key)), sha256(bytes(restored, key)), key);
                rows++;
            }
        }
        assertEquals(UPLOADED.size(), rows, "the restored database's pictures");

        RESTORED.create();
        RESTORED.start();
        for (Map.Entry<String, Map.Entry<String, byte[]>> e : UPLOADED.entrySet()) {
            assertArrayEquals(e.getValue().getValue(), sha256(read(RESTORED, e.getValue().getKey(), e.getKey())), e.getKey());
        }
        for (String dr : registrations) {
            String district = dr.substring(0, dr.indexOf('/'));
            String admin = Keycloak.createUser("district-admin", district, null).token();
            given().baseUri(RESTORED.v1()).auth().oauth2(admin).get("/districts/" + district + "/search?q=" + dr.substring(district.length() + 1))
                    .then().statusCode(200).body("total", equalTo(1));
        }
        System.out.printf("ClusterBackupIT: %d pictures of %d registrations restored into schema %s, bucket %s (archive %d KB)%n",
                rows, registrations.size(), RESTORED_SCHEMA, RESTORED_BUCKET, Files.size(archive) / 1024);
        Files.deleteIfExists(archive);
    }

    private static int backup(String action, Path archive, String schema, String bucket, Path keys) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of(System.getProperty("it.repo.root", "../..")).resolve("scripts/backup.sh").toString(),
                action, archive.toString()).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_NAME", "test");
        env.put("DB_USER", "postgres");
        env.put("DB_SCHEMA", schema);
        env.put("SHENHE_BLOBS_S3_ENDPOINT", S3);
        env.put("SHENHE_BLOBS_S3_BUCKET", bucket);
        env.put("SHENHE_BLOBS_S3_ACCESS_KEY", "shenhe");
        env.put("SHENHE_BLOBS_S3_SECRET_KEY", "shenhe-secret");
        env.put("SHENHE_KEYS_DIR", keys.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        return p.waitFor(600, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static S3BlobStore store(String bucket) {
        return new S3BlobStore(new S3BlobStore.Settings(URI.create(S3), bucket, "us-east-1", true, "shenhe", "shenhe-secret"));
    }

    private static List<String> blobKeys(String schema) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT blob_key FROM " + schema + ".material_image ORDER BY blob_key")) {
            while (rs.next()) keys.add(rs.getString(1));
        }
        return keys;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    }

    private static byte[] bytes(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow(() -> new AssertionError("missing: " + key))) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(OwnServer server, String token, String url) {
        return given().baseUri(server.base()).auth().oauth2(token).get(url).then().statusCode(200).extract().asByteArray();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
