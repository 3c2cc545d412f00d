package cn.shenhe.persistence;

import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A transaction the database rolled back to break a deadlock (SQLState 40001 on H2, 40P01 and 40001 on
 * PostgreSQL) is run again: two candidates deleting pictures that were recorded as reuses of each other take the
 * pair's two rows in opposite orders, and the one the database picks to roll back would otherwise get a 500.
 */
public final class Conflicts {

    private static final Logger LOG = Logger.getLogger(Conflicts.class.getName());
    private static final int ATTEMPTS = 3;

    private Conflicts() {
    }

    /** Runs {@code transaction} (which must begin and end its own transaction) up to three times while it is rolled back as above. */
    public static void retrying(String what, Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !rolledBackForConflict(e)) {
                    throw e;
                }
                LOG.info(() -> what + ": rolled back by the database to break a deadlock, run again");
            }
        }
    }

    static boolean rolledBackForConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }
}
