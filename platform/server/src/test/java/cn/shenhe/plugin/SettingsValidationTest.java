package cn.shenhe.plugin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.SettingsSchema.Choice;
import cn.shenhe.plugin.api.SettingsSchema.Setting;
import cn.shenhe.plugin.api.SettingsSchema.Type;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsValidationTest {

    private static final LocalizedText L = LocalizedText.of("标签", "label");
    private static final List<Setting> SCHEMA = List.of(
            Setting.of("maxBytes", Type.BYTES, L).withRange(10_240L, 10_485_760L),
            Setting.number("types.diploma.max", L, 2, 1, 20),
            Setting.choice("blur.mode", L, "warn", new Choice("off", L), new Choice("warn", L), new Choice("refuse", L)),
            Setting.of("kinds", Type.CHOICES, L).withChoices(new Choice("COMMENT", L), new Choice("STATUS", L)),
            Setting.of("smtp.password", Type.SECRET, L),
            Setting.of("from", Type.TEXT, L).mandatory(),
            Setting.of("enabled", Type.BOOLEAN, L),
            Setting.of("slots", Type.LIST, L).withFields(
                    Setting.of("site", Type.SITE, L).mandatory(),
                    Setting.of("date", Type.DATE, L).mandatory(),
                    Setting.of("start", Type.TIME, L).mandatory(),
                    Setting.number("capacity", L, 30, 1, 10_000).mandatory()));

    private static Map<String, Object> slot(Object date, Object start, Object capacity) {
        return Map.of("site", "sh-01", "date", date, "start", start, "capacity", capacity);
    }

    private static SettingRefusal refused(Map<String, ?> settings) {
        return assertThrows(SettingRefusal.class, () -> SettingsValidation.check(SCHEMA, settings));
    }

    @Test
    void acceptsWhatTheTenantConfigsWriteAsYamlReadsIt() {
        // An unquoted date is a timestamp, an unquoted 10:30 the minutes 630, an unquoted off is false;
        // keys the schema does not name (a sender's retry, quality checks per type) are the plugin's.
        assertDoesNotThrow(() -> SettingsValidation.check(SCHEMA, Map.of(
                "from", "notice@example.cn",
                "maxBytes", 204_800,
                "types", Map.of("diploma", Map.of("max", "3"), "other", Map.of("min", 0)),
                "blur", Map.of("mode", false),
                "kinds", List.of("comment", "STATUS"),
                "smtp", Map.of("password", Map.of("env", "SHENHE_SMTP_PASSWORD")),
                "enabled", "yes",
                "retry", Map.of("attempts", 3),
                "slots", List.of(slot(new Date(0), 630, 40), slot("2027-03-10", "09:00", 30L)))));
    }

    @Test
    void namesTheSettingAndSaysWhatIsWrongInBothLanguages() {
        SettingRefusal r = refused(Map.of("from", "x", "slots", List.of(slot("2027-03-10", "09:00", 1), slot("2027-03-10", "13:30", 0))));
        assertEquals("slots[1].capacity", r.key());
        assertEquals("应在 1 到 10000 之间: 0", r.reason().zh());
        assertEquals("settings.slots[1].capacity: must be between 1 and 10000: 0", r.getMessage());

        assertEquals("types.diploma.max", refused(Map.of("from", "x", "types", Map.of("diploma", Map.of("max", "lots")))).key());
        assertEquals("maxBytes", refused(Map.of("from", "x", "maxBytes", 1024)).key());
        assertEquals("must be one of off, warn, refuse, not loud",
                refused(Map.of("from", "x", "blur", Map.of("mode", "loud"))).reason().en());
        assertEquals("kinds", refused(Map.of("from", "x", "kinds", List.of("COMMENT", "SPAM"))).key());
        assertEquals("enabled", refused(Map.of("from", "x", "enabled", "maybe")).key());
        assertEquals("slots[0].start", refused(Map.of("from", "x", "slots", List.of(slot("2027-03-10", "9 am", 1)))).key());
        assertEquals("slots[0].date", refused(Map.of("from", "x", "slots", List.of(slot("10 March", "09:00", 1)))).key());
        assertEquals("slots", refused(Map.of("from", "x", "slots", "every morning")).key());
    }

    @Test
    void refusesARequiredSettingMissingOrBlank() {
        assertEquals(LocalizedText.of("必须填写", "required"), refused(Map.of()).reason());
        assertEquals("from", refused(Map.of("from", " ")).key());
        assertEquals("slots[0].site", refused(Map.of("from", "x",
                "slots", List.of(Map.of("date", "2027-03-10", "start", "09:00", "capacity", 1)))).key());
    }

    @Test
    void refusesASecretWrittenInClear() {
        SettingRefusal r = refused(Map.of("from", "x", "smtp", Map.of("password", "hunter2")));
        assertEquals("smtp.password", r.key());
        assertEquals("smtp.password", refused(Map.of("from", "x", "smtp", Map.of("password", Map.of("env", "A", "file", "/b")))).key());
    }
}
