package cn.shenhe.district;

import cn.shenhe.plugin.PluginCatalogue;
import cn.shenhe.plugin.SettingsValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A district's settings of a plugin are checked against the plugin's schema whenever its configuration is loaded or changed.
 * In district: the plugin host knows no district (ArchitectureTest).
 */
@ApplicationScoped
public class SchemaSettingsCheck implements PluginSettingsCheck {

    @Inject
    PluginCatalogue catalogue;

    @Override
    public void check(DistrictConfig.PluginUse use) {
        SettingsValidation.check(catalogue.schema(use.id()), use.settings().asMap());
    }
}
