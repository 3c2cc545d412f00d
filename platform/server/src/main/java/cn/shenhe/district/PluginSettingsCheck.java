package cn.shenhe.district;

/**
 * A check of one named plugin's settings by another part of the server (e.g. the notice outbox,
 * which reads keys of its own in sending plugins' settings), run with the directory's own checks
 * whenever a configuration is loaded or changed. Throws {@link IllegalArgumentException} naming
 * the setting ({@code settings.retry.attempts: ...}) to refuse it.
 */
public interface PluginSettingsCheck {

    void check(DistrictConfig.PluginUse use);
}
