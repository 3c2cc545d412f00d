package cn.shenhe.plugins.inapp;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.NotificationInbox;
import cn.shenhe.plugin.api.Notifier;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.SettingsSchema;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Stores every notification in the host's in-app inbox (站内通知), where the candidate reads it.
 * Settings (all optional):
 * <pre>
 * settings:
 *   kinds: [COMMENT, STATUS]   # which kinds to store (default: both)
 * </pre>
 */
@Extension
public class InAppNotifier implements Notifier, SettingsSchema {

    @Override
    public LocalizedText name() {
        return LocalizedText.of("站内通知", "In-app notices");
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.of("kinds", Type.CHOICES, LocalizedText.of("通知哪些事", "Which notices"))
                .withDefault(List.of("COMMENT", "STATUS"))
                .withChoices(new Choice("COMMENT", LocalizedText.of("审核意见", "Comments")),
                        new Choice("STATUS", LocalizedText.of("状态变化", "Status changes"))));
    }

    @Override
    public void notify(Notification notification, PluginSettings settings, NotificationInbox inbox) {
        if (kinds(settings).contains(notification.kind())) {
            inbox.deliver(notification);
        }
    }

    static Set<Notification.Kind> kinds(PluginSettings settings) {
        if (!settings.has("kinds")) {
            return Set.of(Notification.Kind.values());
        }
        return settings.list("kinds").stream().map(k -> {
            try {
                return Notification.Kind.valueOf(k.toString().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("settings.kinds: not COMMENT or STATUS: " + k);
            }
        }).collect(Collectors.toUnmodifiableSet());
    }
}
