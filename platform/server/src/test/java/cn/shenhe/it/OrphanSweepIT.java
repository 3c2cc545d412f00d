package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.cluster.JobLeases;
import cn.shenhe.cluster.NodeId;
import cn.shenhe.persistence.Migrations;
import cn.shenhe.storage.BlobStore;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.ProblemTexts;
import cn.shenhe.storage.Blobs;
import cn.shenhe.storage.DistrictKeys;
import cn.shenhe.storage.EncryptedBlobStore;
import cn.shenhe.storage.FileSystemBlobStore;
import cn.shenhe.storage.OrphanSweeper;
import cn.shenhe.storage.S3BlobStore;
import cn.shenhe.storage.StorageUnavailableException;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the container (a micro-deployment: the storage package, its job lease, the migrations and Flyway only; the S3
 * client is in the server's global library): the orphan sweep removes old blobs that no row names, and keeps fresh ones and
 * named ones, on the store the server is configured with (the H2 server: files; the PostgreSQL
 * server: objects in s3proxy).
 */
@ExtendWith(ArquillianExtension.class)
class OrphanSweepIT {

    @Deployment
    static WebArchive micro() {
        return ShrinkWrap.create(WebArchive.class, "orphan-sweep-test.war")
                .addClasses(BlobStore.class, BlobStore.Entry.class, FileSystemBlobStore.class, S3BlobStore.class,
                        S3BlobStore.Settings.class, StorageUnavailableException.class, Blobs.class, OrphanSweeper.class, Migrations.class,
                        EncryptedBlobStore.class, DistrictKeys.class, ProblemException.class,
                        Problem.class, ProblemTexts.class, LocalizedText.class, JobLeases.class, NodeId.class)
                .addAsResource("cn/shenhe/problem/problems_zh_CN.properties")
                .addAsResource("cn/shenhe/problem/problems_en.properties")
                .addClass("cn.shenhe.storage.BlobKeys")
                .addClass("cn.shenhe.storage.Envelope")
                .addAsResource("db/migration")
                .addAsLibraries(jarOf(Flyway.class), jarOf(org.flywaydb.database.postgresql.PostgreSQLDatabaseType.class))
                .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.1\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    OrphanSweeper sweeper;
    @Inject
    BlobStore blobs;
    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;

    @Test
    void picturesAreEncryptedInTheStore() throws Exception {
        byte[] jpeg = new byte[4096];
        jpeg[0] = (byte) 0xFF; jpeg[1] = (byte) 0xD8; jpeg[2] = (byte) 0xFF; jpeg[3] = (byte) 0xE0;
        byte[] jfif = "JFIF\0 ZHANG Wei 110101199003071234 Exif GPS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(jfif, 0, jpeg, 6, jfif.length);
        String key = "tsweep/r2/sealed" + System.nanoTime() + ".jpg";
        blobs.put(key, jpeg);
        byte[] onDisk = rawBytes(key);
        assertFalse(onDisk[0] == (byte) 0xFF && onDisk[1] == (byte) 0xD8, "stored as a JPEG");
        String text = new String(onDisk, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String leak : new String[] {"JFIF", "ZHANG", "110101199003071234", "Exif", "GPS"}) {
            assertFalse(text.contains(leak), leak + " readable in the store");
        }
        try (var in = blobs.open(key).orElseThrow()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(jpeg, in.readAllBytes());
        }
        blobs.delete(key);
    }

    /** The bytes as the store underneath holds them: a file, or the object in the bucket. */
    private static byte[] rawBytes(String key) throws Exception {
        var config = ConfigProvider.getConfig();
        if ("s3".equals(config.getOptionalValue("shenhe.blobs.kind", String.class).orElse("fs"))) {
            try (S3BlobStore s3 = new S3BlobStore(S3BlobStore.Settings.from(n -> config.getOptionalValue(n, String.class)));
                 var in = s3.open(key).orElseThrow()) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(config.getValue("shenhe.data.dir", String.class), "blobs", key));
    }

    @Test
    void removesOnlyOldUnreferencedBlobs() throws Exception {
        String orphan = "tsweep/r1/orphan.jpg";
        String kept = "tsweep/r1/kept.jpg";
        String fresh = "tsweep/r1/fresh.jpg";
        blobs.put(orphan, new byte[] {1, 2, 3});
        blobs.put(kept, new byte[] {1, 2, 3});
        // The cutoff (the end of the grace period) falls between the old blobs and the fresh one. An object
        // store keeps whole seconds: the cutoff is a whole second after the old ones, the fresh one comes after it.
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), cutoff).toMillis()) + 50);
        blobs.put(fresh, new byte[] {1, 2, 3});
        String registration = "tsweep" + System.nanoTime() % 1_000_000_000_000L;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (id, district_id, candidate_sub, candidate_username,"
                    + " candidate_name, exam_year, exam_category, site_code, status, published_status, created_at, updated_at, version)"
                    + " VALUES (?, 'tsweep', ?, 'u', 'n', 2027, 'clinical-physician', 'tsweep-01', 'FILLING', 'FILLING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)")) {
                // The PostgreSQL database outlives test runs: every row here must be new.
                ps.setString(1, registration);
                ps.setString(2, registration);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO material_image (id, district_id, registration_id, material_type,"
                    + " state, blob_key, content_type, stored_bytes, width, height, original_format, original_bytes, original_sha256,"
                    + " uploaded_by, uploaded_at, version) VALUES (?, 'tsweep', ?, 'other', 'SUBMITTED', ?, 'image/jpeg', 3, 1, 1,"
                    + " 'JPEG', 3, 'x', 's', CURRENT_TIMESTAMP, 1)")) {
                ps.setString(1, registration);
                ps.setString(2, registration);
                ps.setString(3, kept);
                ps.executeUpdate();
            }
        }

        try {
            assertTrue(sweeper.sweep(cutoff) >= 1);
            assertFalse(blobs.open(orphan).isPresent(), "old and unreferenced: removed");
            assertTrue(blobs.open(kept).isPresent(), "named by a row: kept");
            assertTrue(blobs.open(fresh).isPresent(), "newer than the grace period: kept (its upload may not have committed yet)");
        } finally {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement images = c.prepareStatement("DELETE FROM material_image WHERE registration_id = ?");
                 PreparedStatement registrations = c.prepareStatement("DELETE FROM registration WHERE id = ?")) {
                images.setString(1, registration);
                images.executeUpdate();
                registrations.setString(1, registration);
                registrations.executeUpdate();
            }
            for (String key : new String[] {kept, fresh}) {
                blobs.delete(key);
            }
        }
    }
}
