package cn.shenhe.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * A request that failed because the database could not be reached (stopped, restarting, the network
 * to it gone, the pool's connections broken) rather than because of what it asked: a 503 the client may
 * retry, not an "internal error". The transaction did not commit or its outcome is the database's to
 * tell, so the wording promises nothing about what was saved.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** By the JDBC exception's class, or its SQLState: class 08 (connection) and PostgreSQL's 57P01-57P03 (shutting down). */
    public static boolean is(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof SQLTransientConnectionException || x instanceof SQLNonTransientConnectionException
                    || x instanceof SQLRecoverableException) {
                return true;
            }
            String state = x.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                return true;
            }
            if (x.getNextException() == x) break;
        }
        return false;
    }

    public static ProblemException problem() {
        return Problem.DATABASE_UNAVAILABLE.refuse(Map.of(Problem.RETRY_AFTER, 5));
    }
}
