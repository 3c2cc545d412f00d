package cn.shenhe.plugin.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A time at an exam site when candidates bring their originals (现场审核), for at most
 * {@code capacity} candidates. Times are the district's local time (China: UTC+8).
 *
 * @param id stable across configuration edits as long as site, date and start stay the same:
 *           bookings refer to it
 * @since 1.1
 */
public record AppointmentSlot(String id, String site, LocalDate date, LocalTime start, LocalTime end, int capacity) {

    public AppointmentSlot {
        Objects.requireNonNull(id);
        Objects.requireNonNull(site);
        Objects.requireNonNull(date);
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("slot " + id + ": end must be after start");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("slot " + id + ": capacity must be at least 1");
        }
    }

    /** The id a slot gets from its site, date and start: {@code sh-01-20270310-0900}. */
    public static String idOf(String site, LocalDate date, LocalTime start) {
        return site + "-" + date.toString().replace("-", "") + "-" + String.format("%02d%02d", start.getHour(), start.getMinute());
    }
}
