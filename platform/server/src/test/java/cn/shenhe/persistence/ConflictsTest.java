package cn.shenhe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictsTest {

    private static RuntimeException deadlock(String state) {
        return new PersistenceException("Exception [EclipseLink-4002]", new SQLException("Deadlock detected", state));
    }

    @Test
    void aTransactionRolledBackForADeadlockRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        Conflicts.retrying("test", () -> {
            if (runs.incrementAndGet() < 3) {
                throw deadlock(runs.get() == 1 ? "40001" : "40P01");
            }
        });
        assertEquals(3, runs.get());
    }

    @Test
    void aThirdDeadlockReachesTheCaller() {
        AtomicInteger runs = new AtomicInteger();
        RuntimeException last = deadlock("40001");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Conflicts.retrying("test", () -> {
            runs.incrementAndGet();
            throw last;
        }));
        assertSame(last, thrown);
        assertEquals(3, runs.get());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(PersistenceException.class, () -> Conflicts.retrying("test", () -> {
            runs.incrementAndGet();
            throw new PersistenceException(new SQLException("unique", "23505"));
        }));
        assertThrows(IllegalStateException.class, () -> Conflicts.retrying("test", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("no");
        }));
        assertEquals(2, runs.get());
    }
}
