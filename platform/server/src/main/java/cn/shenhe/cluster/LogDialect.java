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
     * horizon is the first row, from the last horizon up, written less than a minute ago (a row's time is
     * its transaction's start: a row written over a minute ago has committed unless a transaction lasts
     * over 30 s), or just past the newest row when none is that young. Its three parameters are the last
     * horizon: the search walks up the primary key from there and stops at the first young row, where
     * looking down from the newest row read every row of the last minute (thousands at an upload peak).
     */
    H2("id", "(id, id) > (?, ?)", "ORDER BY id",
            "SELECT COALESCE((SELECT id FROM change_log WHERE id >= ? AND created_at >= DATEADD('SECOND', -60, CURRENT_TIMESTAMP)"
                    + " ORDER BY id FETCH FIRST 1 ROW ONLY), (SELECT MAX(id) + 1 FROM change_log WHERE id >= ?), ?)",
            "DELETE FROM change_log WHERE id < ?");

    /** The row's place in the order, as a number. */
    final String seq;
    /** Rows after a (seq, id) position. */
    final String after;
    final String order;
    final String horizon;
    final String pruneBelow;
    /** Rows are read in id order, which is where a row was written: rows below one not yet handed on need no second read. */
    final boolean ordersById;
    /** How many times the horizon query takes the last horizon found. */
    final int horizonParameters;

    LogDialect(String seq, String after, String order, String horizon, String pruneBelow) {
        this.seq = seq;
        this.after = after;
        this.order = order;
        this.horizon = horizon;
        this.pruneBelow = pruneBelow;
        this.ordersById = "id".equals(seq);
        this.horizonParameters = (int) horizon.chars().filter(c -> c == '?').count();
    }

    static LogDialect of(String databaseProductName) {
        return databaseProductName.toLowerCase().contains("postgres") ? POSTGRESQL : H2;
    }
}
