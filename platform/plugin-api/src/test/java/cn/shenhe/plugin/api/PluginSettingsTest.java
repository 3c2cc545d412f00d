package cn.shenhe.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {

    @Test
    void typedAccessWithPathsInErrors() {
        PluginSettings s = new PluginSettings(Map.of("n", 5, "text", "7", "flag", "yes", "types", Map.of("a", Map.of("max", "x"))));
        assertEquals(5, s.intValue("n", 0));
        assertEquals(7, s.longValue("text", 0));
        assertEquals(9, s.intValue("missing", 9));
        assertTrue(s.booleanValue("flag", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.section("types").section("a").intValue("max", 1));
        assertEquals("settings.types.a.max: not a whole number: x", e.getMessage());
    }

    @Test
    void materialTypesGuardTheirInvariants() {
        LocalizedText t = LocalizedText.of("身份证明", "ID");
        assertThrows(IllegalArgumentException.class, () -> new MaterialType("ID Card", t, t, null, 1, 2, Set.of(ImageFormat.JPEG), 1));
        assertThrows(IllegalArgumentException.class, () -> new MaterialType("id-card", t, t, null, 3, 2, Set.of(ImageFormat.JPEG), 1));
        assertThrows(IllegalArgumentException.class, () -> new MaterialType("id-card", t, t, null, 1, 2, Set.of(), 1));
        assertTrue(new MaterialType("id-card", t, t, null, 2, 2, Set.of(ImageFormat.JPEG), 1).fixedCount());
    }
}
