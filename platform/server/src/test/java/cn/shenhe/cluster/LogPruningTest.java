package cn.shenhe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.persistence.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Heartbeats#prune} on the migrations' schema, on H2 and on the real PostgreSQL (127.0.0.1:5432, database
 * {@code test}, a schema of this test's own; there log positions are transaction ids): the change log is pruned below
 * every live node's position and every district's newest search snapshot; a node silent for longer than the node
 * timeout no longer holds it back; a live node with no position yet (still opening its indexes) holds all of it.
 */
class LogPruningTest {

    private static final Map<String, DataSource> MIGRATED = new HashMap<>();
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    private DataSource db;
    private ChangeLog log;
    private Heartbeats heartbeats;
    private String seq;

    /** The log's rows at positions 100 to 199, no node, no snapshot, nothing pruned. */
    private void on(String kind) throws SQLException {
        db = MIGRATED.computeIfAbsent(kind, k -> MigratedDatabase.migrated(k, "prune"));
        log = new ChangeLog();
        log.dataSource = db;
        heartbeats = new Heartbeats();
        heartbeats.log = log;
        heartbeats.dataSource = db;
        heartbeats.nodeTimeoutHours = 24;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            LogDialect dialect = LogDialect.of(c.getMetaData().getDatabaseProductName());
            seq = dialect.seq;
            s.execute("DELETE FROM change_log");
            s.execute("DELETE FROM cluster_node");
            s.execute("DELETE FROM search_snapshot");
            s.execute("UPDATE change_log_pruned SET below = 0");
            try (PreparedStatement row = c.prepareStatement(dialect == LogDialect.POSTGRESQL
                    ? "INSERT INTO change_log (xid, district_id, kind) VALUES (?::text::xid8, 'bj', 'test')"
                    : "INSERT INTO change_log (id, district_id, kind) VALUES (?, 'bj', 'test')")) {
                for (long p = 100; p < 200; p++) {
                    row.setLong(1, p);
                    row.addBatch();
                }
                row.executeBatch();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void prunesBelowTheLowestLiveNodeAndNewestSnapshot(String kind) throws SQLException {
        on(kind);
        node("a", 150L, Duration.ofSeconds(5));
        node("b", 170L, Duration.ofSeconds(5));
        node("quiet", 160L, Duration.ofHours(23));      // within the timeout: still live
        node("gone", 110L, Duration.ofHours(25));       // silent longer: holds nothing back
        snapshot("bj", 160);
        snapshot("sh", 130);
        prunes(30, 130, "below sh's snapshot");

        snapshot("sh", 180);   // sh published anew
        prunes(20, 150, "below node a");

        node("a", 190L, Duration.ZERO);
        node("b", 195L, Duration.ZERO);
        node("quiet", 185L, Duration.ZERO);
        prunes(10, 160, "below bj's snapshot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLiveNodeWithoutAPositionHoldsTheWholeLog(String kind) throws SQLException {
        on(kind);
        node("a", 150L, Duration.ofSeconds(5));
        node("opening", null, Duration.ofSeconds(5));
        prunesNothing();

        node("opening", null, Duration.ofHours(25));   // it never came back
        prunes(50, 150, "below node a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void withNoLiveNodeNothingIsPruned(String kind) throws SQLException {
        on(kind);
        node("gone", 150L, Duration.ofHours(25));
        snapshot("bj", 160);
        prunesNothing();
    }

    /** A round deletes {@code rows} rows and leaves the log from {@code below} on, recorded as pruned below it. */
    private void prunes(int rows, long below, String why) throws SQLException {
        assertEquals(rows, heartbeats.prune(), why);
        assertEquals(List.of(below, 200 - below), left(), why);
        assertEquals(below, log.prunedBelow(), why);
    }

    private void prunesNothing() throws SQLException {
        assertEquals(0, heartbeats.prune());
        assertEquals(List.of(100L, 100L), left());
        assertEquals(0, log.prunedBelow());
    }

    /** A node's row as its heartbeat writes it, {@code silent} ago. */
    private void node(String id, Long position, Duration silent) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM cluster_node WHERE node_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO cluster_node (node_id, log_position, seen_at) VALUES (?, ?, ?)")) {
            delete.setString(1, id);
            delete.executeUpdate();
            insert.setString(1, id);
            if (position == null) {
                insert.setNull(2, Types.BIGINT);
            } else {
                insert.setLong(2, position);
            }
            insert.setObject(3, NOW.minus(silent));
            insert.executeUpdate();
        }
    }

    /** The district's newest snapshot, as IndexSnapshots records it. */
    private void snapshot(String district, long position) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM search_snapshot WHERE district = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO search_snapshot (district, log_position, blob_prefix, manifest,"
                     + " node_id, created_at) VALUES (?, ?, 'prefix', 'segments_1 1 1', 'a', ?)")) {
            delete.setString(1, district);
            delete.executeUpdate();
            insert.setString(1, district);
            insert.setLong(2, position);
            insert.setObject(3, NOW);
            insert.executeUpdate();
        }
    }

    /** The lowest position left in the log, and how many rows. */
    private List<Long> left() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT MIN(" + seq + "), COUNT(*) FROM change_log");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        }
    }
}
