package cn.shenhe.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderSettingsTest {

    @Test
    void defaultsAndExponentialBackoffUpToTheCap() {
        SenderSettings s = SenderSettings.of(PluginSettings.empty());
        assertEquals(8, s.attempts());
        assertEquals(Set.of(Notification.Kind.values()), s.kinds());
        long[] expected = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
        for (int failures = 1; failures <= expected.length; failures++) {
            Duration d = s.delayAfter(failures);
            long base = expected[failures - 1] * 1000;
            assertTrue(d.toMillis() >= base && d.toMillis() <= base * 1.2, failures + ": " + d);
        }
    }

    @Test
    void readsKindsAndRetryAndRefusesNonsense() {
        SenderSettings s = SenderSettings.of(new PluginSettings(Map.of("kinds", List.of("status"),
                "retry", Map.of("attempts", 3, "firstDelay", "PT0.5S", "maxDelay", "PT2S"))));
        assertEquals(Set.of(Notification.Kind.STATUS), s.kinds());
        assertEquals(3, s.attempts());
        assertTrue(s.delayAfter(3).toMillis() >= 2000 && s.delayAfter(3).toMillis() <= 2400);
        assertEquals("settings.retry.firstDelay: not an ISO-8601 duration such as PT30S: 30s", assertThrows(IllegalArgumentException.class,
                () -> SenderSettings.of(new PluginSettings(Map.of("retry", Map.of("firstDelay", "30s"))))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SenderSettings.of(new PluginSettings(Map.of("retry", Map.of("attempts", 0)))));
        assertThrows(IllegalArgumentException.class, () -> SenderSettings.of(new PluginSettings(Map.of("kinds", List.of("SPAM")))));
        assertThrows(IllegalArgumentException.class, () -> SenderSettings.of(new PluginSettings(
                Map.of("retry", Map.of("firstDelay", "PT1H", "maxDelay", "PT1M")))));
    }

    @Test
    void addressesAreMasked() {
        assertEquals("138****8000", Texts.mask("13800138000"));
        assertEquals("z***@example.cn", Texts.mask("zhang.wei@example.cn"));
        assertEquals("***", Texts.mask("12345"));
    }
}
