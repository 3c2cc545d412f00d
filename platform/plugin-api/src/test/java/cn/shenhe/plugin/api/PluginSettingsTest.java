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
    void secretsAreNamedNeverWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("sms-secret");
        java.nio.file.Files.writeString(file, "s3cret\n");
        PluginSettings s = new PluginSettings(Map.of("fromFile", Map.of("file", file.toString()), "fromEnv", Map.of("env", "PATH"),
                "clear", "s3cret", "both", Map.of("env", "PATH", "file", file.toString()), "missing", Map.of("file", dir.resolve("none").toString())));
        assertEquals("s3cret", s.secret("fromFile").orElseThrow());
        assertEquals(System.getenv("PATH"), s.secret("fromEnv").orElseThrow());
        assertTrue(s.secret("absent").isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.secret("clear")).getMessage().startsWith("settings.clear: a secret is named"));
        assertThrows(IllegalArgumentException.class, () -> s.secret("both"));
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> s.secret("missing"));
        assertTrue(unreadable.getMessage().contains("cannot be read"));
        assertTrue(!unreadable.getMessage().contains("s3cret"));
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
