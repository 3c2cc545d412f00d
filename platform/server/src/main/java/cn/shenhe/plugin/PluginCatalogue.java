package cn.shenhe.plugin;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.plugin.api.SettingsSchema;
import cn.shenhe.plugin.api.SettingsSchema.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The installed plugins as an administrator chooses among them: each one's name, whether it is a
 * review mode, and the settings it describes ({@link SettingsSchema}), from which the forms are
 * drawn and by which a district's settings are checked.
 */
@ApplicationScoped
public class PluginCatalogue {

    @Inject
    PluginHost host;

    /**
     * One installed plugin.
     *
     * @param reviewMode whether it provides a review mode ({@code review.mode} may name it)
     * @param settings   its settings; empty when it describes none
     */
    public record Installed(String id, String version, LocalizedText name, boolean reviewMode, List<Setting> settings) {
    }

    public List<Installed> installed() {
        return host.startedPlugins().stream().map(this::describe).toList();
    }

    /** The settings a plugin describes; empty when it describes none (or is not installed). */
    public List<Setting> schema(String pluginId) {
        return schemaOf(pluginId).map(SettingsSchema::settings).orElse(List.of());
    }

    private Installed describe(String id) {
        Optional<ReviewMode> mode = host.extensions(ReviewMode.class, id).stream().findFirst();
        LocalizedText name = schemaOf(id).map(SettingsSchema::name)
                .or(() -> mode.map(ReviewMode::name))
                .orElse(LocalizedText.of(id, id));
        return new Installed(id, host.version(id), name, mode.isPresent(), schema(id));
    }

    private Optional<SettingsSchema> schemaOf(String pluginId) {
        return host.extensions(SettingsSchema.class, pluginId).stream().findFirst();
    }
}
