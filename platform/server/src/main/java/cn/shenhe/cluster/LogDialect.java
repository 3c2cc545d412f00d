package cn.shenhe.cluster;

/**
 * How a database orders the change log and where a reader's cursor may safely move to (the horizon):
 * every row below the horizon has committed (or will never exist), so a row that commits late is
 * never passed over. Rows above it that are already visible are read too, without moving past them.
 */
enum LogDialect {

    /** Transaction ids ({@code xid8}): the horizon is the oldest transaction still running anywhere. */
    POSTGRESQL("xid::text::bigint", "(xid, id) > (?::text::xid8, ?)", "ORDER BY xid, id",
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
            "DELETE FROM change_log WHERE xid < ?::text::xid8"),

    /**
     * One node, row ids from an identity (allocated in insert order, committed in any order): the
     * horizon is just past the newest row written over a minute ago (a row's time is its transaction's
     * start: a row allocated before it has committed by now unless a transaction lasts over 30 s).
     */
    H2("id", "(id, id) > (?, ?)", "ORDER BY id",
            "SELECT COALESCE((SELECT id + 1 FROM change_log WHERE created_at < DATEADD('SECOND', -60, CURRENT_TIMESTAMP)"
                    + " ORDER BY id DESC FETCH FIRST 1 ROW ONLY), 0)",
            "DELETE FROM change_log WHERE id < ?");

    /** The row's place in the order, as a number. */
    final String seq;
    /** Rows after a (seq, id) position. */
    final String after;
    final String order;
    final String horizon;
    final String pruneBelow;

    LogDialect(String seq, String after, String order, String horizon, String pruneBelow) {
        this.seq = seq;
        this.after = after;
        this.order = order;
        this.horizon = horizon;
        this.pruneBelow = pruneBelow;
    }

    static LogDialect of(String databaseProductName) {
        return databaseProductName.toLowerCase().contains("postgres") ? POSTGRESQL : H2;
    }
}
