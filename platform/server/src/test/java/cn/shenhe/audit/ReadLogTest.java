package cn.shenhe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.shenhe.persistence.MigratedDatabase;
import cn.shenhe.problem.ProblemException;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log of reads on the migrations' schema, on H2 and on the real PostgreSQL: a read alone is committed in a
 * transaction of its own (autocommit, one round trip), reads queued together share one; an event the database
 * refuses refuses its own read only, and the reads after it are recorded as before.
 */
class ReadLogTest {

    private DataSource db;
    private ReadLog log;

    /** A fresh database, and a log over it whose writer is not started yet (so a test can queue reads first). */
    private void on(String kind) {
        db = MigratedDatabase.migrated(kind, "read_log");
        log = newLog();
    }

    private ReadLog newLog() {
        ReadLog l = new ReadLog();
        l.dataSource = db;
        l.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                return new Thread(r);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        return l;
    }

    @AfterEach
    void stop() {
        log.stop();
    }

    private static ReadLog.Row row(String targetId) {
        return new ReadLog.Row("bj", new AuditEvent(Instant.now(), "sub-1", "reviewer1", "district-reviewer",
                AuditLog.REGISTRATION_VIEWED, "registration", targetId, "{}"));
    }

    private List<String> recorded() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT target_id FROM audit_event ORDER BY target_id");
             ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReadAloneIsCommittedBeforeItIsAnsweredAndARefusedOneRefusesOnlyItself(String kind) throws SQLException {
        on(kind);
        log.start();
        ReadLog.Row first = row("r1");
        log.append(List.of(first)).await();
        assertEquals(List.of("r1"), recorded(), "committed by the time await returns, seen from another connection");

        // the same event again: its key exists, the database refuses it, and so its read is refused
        ProblemException refused = assertThrows(ProblemException.class, () -> log.append(List.of(first)).await());
        assertEquals("audit-unavailable", refused.code());
        assertEquals(503, refused.status());

        log.append(List.of(row("r2"))).await();
        assertEquals(List.of("r1", "r2"), recorded(), "the next read is recorded once, the refused one not twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void readsQueuedTogetherShareATransactionAndABadOneRefusesOnlyItself(String kind) throws SQLException {
        on(kind);
        ReadLog.Row duplicate = row("r0");
        log.start();
        log.append(List.of(duplicate)).await();
        log.stop();

        // queued while no writer runs, then written as one group when the writer starts; one of them is refused
        log = newLog();
        ReadLog.Commit a = log.append(List.of(row("r1"), row("r2")));   // a national read: two events, all or none
        ReadLog.Commit bad = log.append(List.of(duplicate));
        ReadLog.Commit c = log.append(List.of(row("r3")));
        log.start();
        a.await();
        c.await();
        assertEquals("audit-unavailable", assertThrows(ProblemException.class, bad::await).code());
        assertEquals(List.of("r0", "r1", "r2", "r3"), recorded());
    }
}
