package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.storage.FileSystemBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots: their parts' keys, and a restore that meets another node's publish. */
class IndexSnapshotsTest {

    @TempDir
    Path dir;

    /** Parts are blob keys whatever Lucene names its files ({@code _3_Lucene104_0.psm}, upper case). */
    @Test
    void partsAreStoredUnderValidKeys() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir);   // refuses anything that is not a blob key
        String prefix = IndexSnapshots.prefix("bj", 4387);
        String key = IndexSnapshots.partKey(prefix, 12, 3);
        store.put(key, new byte[] {1, 2, 3});
        try (InputStream in = store.open(key).orElseThrow()) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertNotEquals(prefix, IndexSnapshots.prefix("bj", 4387), "one prefix per publish");
    }

    /** The older snapshot's parts deleted under the reader (a newer one published meanwhile): it restores the newer. */
    @Test
    void aRestoreOvertakenByANewerPublishRestoresTheNewer() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:snapshots;DB_CLOSE_DELAY=-1");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE search_snapshot (district VARCHAR(32) PRIMARY KEY, log_position BIGINT, blob_prefix VARCHAR(256),"
                    + " manifest VARCHAR(2000), node_id VARCHAR(128), created_at TIMESTAMP WITH TIME ZONE)");
        }
        AtomicBoolean overtaken = new AtomicBoolean();
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("blobs")) {
            @Override
            public Optional<InputStream> open(String key) throws IOException {
                if (key.startsWith("bj/search-snapshots/10-") && overtaken.compareAndSet(false, true)) {
                    put("bj/search-snapshots/20-b/0.0", "newer".getBytes(StandardCharsets.UTF_8));
                    publish(db, 20, "bj/search-snapshots/20-b", "segments_2 5 1");
                    delete("bj/search-snapshots/10-a/0.0");
                }
                return super.open(key);
            }
        };
        store.put("bj/search-snapshots/10-a/0.0", "older".getBytes(StandardCharsets.UTF_8));
        publish(db, 10, "bj/search-snapshots/10-a", "segments_1 5 1");

        IndexSnapshots snapshots = new IndexSnapshots();
        snapshots.blobs = store;
        snapshots.dataSource = db;
        snapshots.log = new ChangeLog() {
            @Override
            public long prunedBelow() {
                return 0;
            }
        };
        Path index = Files.createDirectories(dir.resolve("search/bj"));

        assertTrue(snapshots.restoreInto("bj", index));
        assertEquals("newer", Files.readString(index.resolve("segments_2")));
        try (var files = Files.list(dir.resolve("search"))) {
            assertEquals(1, files.count(), "no restore directory left behind");
        }
    }

    private static void publish(JdbcDataSource db, long position, String prefix, String manifest) throws IOException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("MERGE INTO search_snapshot KEY (district) VALUES ('bj', " + position + ", '" + prefix + "', '" + manifest
                    + "', 'node', CURRENT_TIMESTAMP)");
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
