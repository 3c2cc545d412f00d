package cn.shenhe.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresByClassOrState() {
        assertTrue(DatabaseOutage.is(new SQLTransientConnectionException("pool: no connection within 30 s")));
        assertTrue(DatabaseOutage.is(new SQLNonTransientConnectionException("connection refused")));
        assertTrue(DatabaseOutage.is(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(DatabaseOutage.is(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.is(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void aChainedConnectionFailureCounts() {
        SQLException batch = new SQLException("batch entry 0 failed", "22000");
        batch.setNextException(new SQLException("connection reset", "08006"));
        assertTrue(DatabaseOutage.is(batch));
    }

    @Test
    void whatTheRequestAskedIsNotAnOutage() {
        assertFalse(DatabaseOutage.is(new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.is(new SQLException("deadlock detected", "40P01")));
        assertFalse(DatabaseOutage.is(new SQLException("no state")));
    }

    @Test
    void aRetryable503InBothLanguages() {
        ProblemException p = DatabaseOutage.problem();
        assertEquals(503, p.status());
        assertEquals("database-unavailable", p.code());
        assertEquals(5, p.details().get(Problem.RETRY_AFTER));
        assertTrue(p.messageZh().contains("数据库") && p.messageEn().contains("database"));
    }
}
