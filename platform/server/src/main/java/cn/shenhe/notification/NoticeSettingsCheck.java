package cn.shenhe.notification;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.PluginSettingsCheck;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.NoticeSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A sending plugin's settings are refused when the district's configuration is loaded or changed, not at the first notice. */
@ApplicationScoped
public class NoticeSettingsCheck implements PluginSettingsCheck {

    @Inject
    PluginHost plugins;

    @Override
    public void check(DistrictConfig.PluginUse use) {
        for (NoticeSender sender : plugins.extensions(NoticeSender.class, use.id())) {
            SenderSettings.of(use.settings());
            sender.validate(use.settings());
        }
    }
}
