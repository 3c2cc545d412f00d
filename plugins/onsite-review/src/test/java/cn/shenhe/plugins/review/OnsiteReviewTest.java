package cn.shenhe.plugins.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class OnsiteReviewTest {

    private final OnsiteReview mode = new OnsiteReview();

    private static PluginSettings yaml(String text) {
        Map<String, Object> map = new Yaml().load(text);
        return new PluginSettings(map);
    }

    @Test
    void readsSlotsAsYamlWritesThem() {
        PluginSettings s = yaml("""
                bookingCutoffHours: 12
                slots:
                  - { site: sh-01, date: 2027-03-10, start: "09:00", end: 11:30, capacity: 30 }
                  - { site: sh-02, date: "2027-03-11", start: 13:00, end: "16:00", capacity: 2 }
                """);
        List<AppointmentSlot> slots = mode.slots(s);
        assertEquals(2, slots.size());
        assertEquals(new AppointmentSlot("sh-01-20270310-0900", "sh-01", LocalDate.of(2027, 3, 10),
                LocalTime.of(9, 0), LocalTime.of(11, 30), 30), slots.get(0));
        assertEquals(LocalTime.of(13, 0), slots.get(1).start());
        assertEquals(Duration.ofHours(12), mode.bookingCutoff(s));
        assertTrue(mode.inPerson());
    }

    @Test
    void namesTheBadSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> mode.slots(yaml("""
                slots:
                  - { site: sh-01, date: 2027-03-10, start: "09:00", end: "11:30", capacity: 3 }
                  - { site: sh-01, date: 2027-03-10, start: "12:00", end: "11:30", capacity: 3 }
                """)));
        assertEquals("settings.slots[1].end: must be after start", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mode.slots(yaml("""
                slots:
                  - { site: sh-01, date: 2027-03-10, start: "09:00", end: "11:30", capacity: 0 }
                """)));
        assertTrue(e.getMessage().startsWith("settings.slots[0].capacity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mode.slots(yaml("""
                slots:
                  - { site: sh-01, date: 10 March, start: "09:00", end: "11:30", capacity: 1 }
                """)));
        assertTrue(e.getMessage().startsWith("settings.slots[0].date"), e.getMessage());
    }
}
