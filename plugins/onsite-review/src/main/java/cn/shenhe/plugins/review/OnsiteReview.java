package cn.shenhe.plugins.review;

import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.plugin.api.SettingsSchema;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * 现场审核: a complete registration books an appointment slot and the candidate brings the
 * originals to the site, where the site reviewer checks them in person.
 *
 * <p>Settings: {@code bookingCutoffHours} (default 24: booking, rebooking and cancelling close
 * that long before the slot), and {@code slots}, a list of
 * {@code {site, date: 2027-03-10, start: "09:00", end: "11:30", capacity: 30}}.
 */
@Extension
public class OnsiteReview implements ReviewMode, SettingsSchema {

    @Override
    public String id() {
        return "onsite-review";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("现场审核", "On-site review");
    }

    @Override
    public boolean inPerson() {
        return true;
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.number("bookingCutoffHours", LocalizedText.of("提前多少小时截止预约(小时)", "Booking closes before a slot (hours)"), 24, 0, 24 * 30),
                Setting.of("slots", Type.LIST, LocalizedText.of("预约时段", "Appointment slots")).withFields(
                        Setting.of("site", Type.SITE, LocalizedText.of("考点", "Site")).mandatory(),
                        Setting.of("date", Type.DATE, LocalizedText.of("日期", "Date")).mandatory(),
                        Setting.of("start", Type.TIME, LocalizedText.of("开始", "Start")).mandatory(),
                        Setting.of("end", Type.TIME, LocalizedText.of("结束", "End")).mandatory(),
                        Setting.number("capacity", LocalizedText.of("容量", "Capacity"), 30, 1, 10_000).mandatory()));
    }

    @Override
    public Duration bookingCutoff(PluginSettings settings) {
        int hours = settings.intValue("bookingCutoffHours", 24);
        if (hours < 0 || hours > 24 * 30) {
            throw new IllegalArgumentException(settings.path() + ".bookingCutoffHours: must be between 0 and 720: " + hours);
        }
        return Duration.ofHours(hours);
    }

    @Override
    public List<AppointmentSlot> slots(PluginSettings settings) {
        List<AppointmentSlot> slots = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PluginSettings s : settings.sections("slots")) {
            String site = s.string("site").orElseThrow(() -> new IllegalArgumentException(s.path() + ".site: missing"));
            LocalDate date = date(s);
            LocalTime start = time(s, "start");
            LocalTime end = time(s, "end");
            int capacity = s.intValue("capacity", 0);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(s.path() + ".end: must be after start");
            }
            if (capacity < 1 || capacity > 10_000) {
                throw new IllegalArgumentException(s.path() + ".capacity: must be between 1 and 10000: " + capacity);
            }
            String id = AppointmentSlot.idOf(site, date, start);
            if (!ids.add(id)) {
                throw new IllegalArgumentException(s.path() + ": a second slot at the same site, date and start (" + id + ")");
            }
            slots.add(new AppointmentSlot(id, site, date, start, end, capacity));
        }
        return List.copyOf(slots);
    }

    private static LocalDate date(PluginSettings s) {
        Object v = s.asMap().get("date");
        if (v instanceof Date d) {
            // YAML reads an unquoted 2027-03-10 as a timestamp at UTC midnight.
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(s.string("date").orElseThrow(() -> new IllegalArgumentException(s.path() + ".date: missing")).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(s.path() + ".date: not a date (e.g. 2027-03-10): " + v);
        }
    }

    private static LocalTime time(PluginSettings s, String key) {
        Object v = s.asMap().get(key);
        if (v instanceof Integer minutes && minutes >= 0 && minutes < 24 * 60) {
            // YAML 1.1 reads an unquoted 10:30 as the base-60 number 630 (minutes).
            return LocalTime.of(minutes / 60, minutes % 60);
        }
        try {
            return LocalTime.parse(s.string(key).orElseThrow(() -> new IllegalArgumentException(s.path() + "." + key + ": missing")).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(s.path() + "." + key + ": not a time (e.g. \"09:00\"): " + v);
        }
    }
}
