package cn.shenhe.cluster;

import cn.shenhe.cluster.ChangeLog.Entry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader's place in the change log. Every row below {@link #position()} has been handed on; rows
 * at or above it that were already visible (committed) have been handed on too and are remembered
 * until the position passes them, so each row is handed on once however its commit was late: the
 * position moves only up to the horizon (below which every row has committed), never past a row that
 * may still commit.
 */
final class LogCursor {

    private long position;
    /** Rows at or above the position already handed on: id → seq. */
    private final Map<Long, Long> handedAbove = new HashMap<>();
    /** Where {@link #firstUnhandedId} stopped last time: ids below it were handed on. */
    private long unhandedFrom;

    LogCursor(long position) {
        this.position = position;
    }

    long position() {
        return position;
    }

    /**
     * Where a row's seq is its id (H2, whose position lags a minute behind the newest rows): the lowest
     * id from the position on not yet handed on, from which a round reads instead of from the position,
     * so that the rows of the last minute are not all read again every round. Below it every row has been
     * handed on; at it is a row still being written, or a gap (a rolled-back row, ids skipped at a restart)
     * that holds the read back until the position passes it.
     */
    long firstUnhandedId() {
        long id = Math.max(position, unhandedFrom);
        while (handedAbove.containsKey(id)) {
            id++;
        }
        return unhandedFrom = id;
    }

    /** Of rows read from the position on, those not yet handed on. */
    List<Entry> fresh(List<Entry> read) {
        return read.stream().filter(e -> e.seq() >= position && !handedAbove.containsKey(e.id())).toList();
    }

    void handedOn(List<Entry> entries) {
        entries.forEach(e -> handedAbove.put(e.id(), e.seq()));
    }

    /** After every row from the position on that was visible has been handed on: move to the horizon read before them. */
    void advanceTo(long horizon) {
        if (horizon > position) {
            position = horizon;
            handedAbove.values().removeIf(seq -> seq < horizon);
        }
    }

    /** Rows remembered above the position (what an old transaction still running keeps waiting). */
    int remembered() {
        return handedAbove.size();
    }
}
