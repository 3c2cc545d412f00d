package cn.shenhe.search;

import java.time.Instant;

/**
 * A district's rebuild as its administrator follows it: {@code RUNNING} (with the registrations
 * indexed so far), {@code DONE}, {@code FAILED} (with the reason), or {@code NONE} when none ran
 * since the server started (then the index's current count and size).
 */
public record RebuildStatus(String district, String state, Instant startedAt, Instant finishedAt, long registrations,
                           Long millis, long indexBytes, String error) {
    boolean running() {
        return "RUNNING".equals(state);
    }
}
