package cn.shenhe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.cluster.ChangeLog.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cursor's rule without a database: each visible row handed on once, the position never past the horizon. */
class LogCursorTest {

    private static Entry row(long id, long seq) {
        return new Entry(id, seq, "bj", "r" + id, "test");
    }

    @Test
    void aRowThatBecomesVisibleLateIsHandedOnOnceItIs() {
        LogCursor cursor = new LogCursor(100);
        // Transaction 100 (row 1) is still running; 101 (row 2) has committed: only row 2 is visible.
        List<Entry> fresh = cursor.fresh(List.of(row(2, 101)));
        assertEquals(List.of(row(2, 101)), fresh);
        cursor.handedOn(fresh);
        cursor.advanceTo(100);   // the horizon: 100 still runs
        assertEquals(100, cursor.position());
        // Next round: 100 has committed; both rows are visible, row 2 was handed on already.
        assertEquals(List.of(row(1, 100)), cursor.fresh(List.of(row(1, 100), row(2, 101))));
        cursor.handedOn(List.of(row(1, 100)));
        cursor.advanceTo(102);
        assertEquals(102, cursor.position());
        assertEquals(0, cursor.remembered(), "rows below the position are forgotten");
        assertEquals(List.of(), cursor.fresh(List.of(row(1, 100), row(2, 101))), "nothing twice");
    }

    @Test
    void thePositionNeverMovesBack() {
        LogCursor cursor = new LogCursor(50);
        cursor.advanceTo(40);
        assertEquals(50, cursor.position());
    }

    @Test
    void rowsAboveThePositionAreRememberedUntilPassed() {
        LogCursor cursor = new LogCursor(10);
        cursor.handedOn(List.of(row(7, 12), row(8, 15)));
        cursor.advanceTo(13);
        assertEquals(1, cursor.remembered());
        assertEquals(List.of(row(9, 15)), cursor.fresh(List.of(row(8, 15), row(9, 15))));
    }

    @Test
    void readsAgainOnlyFromTheFirstRowNotHandedOn() {
        LogCursor cursor = new LogCursor(10);   // H2: seq is the row id
        assertEquals(10, cursor.firstUnhandedId());
        cursor.handedOn(List.of(row(10, 10), row(11, 11), row(13, 13)));   // 12 still being written
        assertEquals(12, cursor.firstUnhandedId());
        cursor.handedOn(List.of(row(12, 12)));
        assertEquals(14, cursor.firstUnhandedId());
        cursor.advanceTo(20);
        assertEquals(20, cursor.firstUnhandedId(), "never below the position");
    }
}
