package cn.shenhe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.persistence.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2's horizon on the migrations' schema: every row below it was written over a minute ago (so has committed, as no
 * transaction lasts 30 s), found by walking up from the last horizon to the first young row.
 */
class ChangeLogHorizonTest {

    private DataSource db;
    private ChangeLog log;

    @BeforeEach
    void migrated() {
        db = MigratedDatabase.migrated("h2", "horizon");
        log = new ChangeLog();
        log.dataSource = db;
    }

    /** Rows {@code from} to {@code to} (inclusive), written {@code secondsAgo} ago. */
    private void rows(long from, long to, long secondsAgo) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO change_log (id, district_id, kind, created_at) VALUES (?, 'bj', 'test', ?)")) {
            for (long id = from; id <= to; id++) {
                ps.setLong(1, id);
                ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(secondsAgo));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void anEmptyLogHasHorizonZero() throws SQLException {
        assertEquals(0, log.horizon());
    }

    @Test
    void stopsAtTheFirstRowWrittenWithinTheMinute() throws SQLException {
        rows(1, 49, 120);
        rows(50, 50, 5);     // written 5 s ago: may belong to a transaction still running
        rows(51, 51, 90);    // an old transaction's row written after it: passing it would pass row 50 too
        rows(52, 60, 1);
        assertEquals(50, log.horizon());
    }

    @Test
    void passesTheNewestRowWhenEveryRowIsOld() throws SQLException {
        rows(1, 30, 120);
        assertEquals(31, log.horizon());
    }

    @Test
    void neverMovesBackAndStartsFromTheLastHorizon() throws SQLException {
        rows(1, 30, 120);
        assertEquals(31, log.horizon());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM change_log");   // pruned: the last horizon stands
        }
        assertEquals(31, log.horizon());
        rows(31, 40, 120);
        rows(41, 41, 0);
        assertEquals(41, log.horizon());
    }
}
