package cn.shenhe.plugin;

import cn.shenhe.plugin.api.LocalizedText;

/**
 * A plugin setting its schema refuses, in both languages. Its message is the plugins' own form
 * ({@code settings.slots[2].capacity: must be between 1 and 10000}), so that whoever reads only the
 * message still learns the setting's path.
 */
public class SettingRefusal extends IllegalArgumentException {

    private final String key;
    private final transient LocalizedText reason;

    public SettingRefusal(String key, LocalizedText reason) {
        super("settings." + key + ": " + reason.en());
        this.key = key;
        this.reason = reason;
    }

    /** The setting's path within the plugin's settings: {@code slots[2].capacity}. */
    public String key() {
        return key;
    }

    /** What is wrong, without the path: {@code 应在 1 到 10000 之间}. */
    public LocalizedText reason() {
        return reason;
    }
}
