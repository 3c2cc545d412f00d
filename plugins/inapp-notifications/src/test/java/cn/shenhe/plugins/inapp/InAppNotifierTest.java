package cn.shenhe.plugins.inapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InAppNotifierTest {

    private static Notification notice(Notification.Kind kind) {
        return new Notification("bj", "sub-1", "reg-1", kind, LocalizedText.of("审核意见", "Review comment"),
                LocalizedText.of("请重新上传", "Please upload again"), Instant.now(), "/districts/bj/registrations/reg-1");
    }

    @Test
    void storesEveryKindByDefault() {
        List<Notification> stored = new ArrayList<>();
        new InAppNotifier().notify(notice(Notification.Kind.COMMENT), PluginSettings.empty(), stored::add);
        new InAppNotifier().notify(notice(Notification.Kind.STATUS), PluginSettings.empty(), stored::add);
        assertEquals(2, stored.size());
    }

    @Test
    void storesOnlyTheKindsTheDistrictChose() {
        List<Notification> stored = new ArrayList<>();
        PluginSettings onlyStatus = new PluginSettings(Map.of("kinds", List.of("status")));
        new InAppNotifier().notify(notice(Notification.Kind.COMMENT), onlyStatus, stored::add);
        new InAppNotifier().notify(notice(Notification.Kind.STATUS), onlyStatus, stored::add);
        assertEquals(List.of(Notification.Kind.STATUS), stored.stream().map(Notification::kind).toList());
    }

    @Test
    void aBadKindIsNamed() {
        PluginSettings bad = new PluginSettings(Map.of("kinds", List.of("SMS")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InAppNotifier.kinds(bad));
        assertEquals("settings.kinds: not COMMENT or STATUS: SMS", e.getMessage());
    }
}
