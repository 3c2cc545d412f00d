package cn.shenhe.district;

import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.MaterialCheck;
import cn.shenhe.plugin.api.MaterialRequirements;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.ReviewMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.List;

/**
 * Checks a district's configuration document as a whole before it is stored or put in force: every field
 * ({@link TenantConfigReader}), and every plugin it names installed and accepting its settings for every
 * site and exam category.
 */
@ApplicationScoped
public class ConfigValidator {

    @Inject
    PluginHost plugins;
    @Inject
    DistrictPlugins districtPlugins;
    @Inject
    Instance<PluginSettingsCheck> settingsChecks;

    /** Reads the document as {@code <code>.yaml} and checks it; a refusal names the field. */
    public DistrictConfig validate(String code, String document) {
        return validateFile(code + ".yaml", document);
    }

    /** As {@link #validate}, for a tenant-config file: refusals name the file. */
    DistrictConfig validateFile(String file, String document) {
        DistrictConfig d = TenantConfigReader.read(file, new StringReader(document));
        checkPlugins(file, d);
        return d;
    }

    /** Every named plugin must be installed, and must accept its settings for every site and category. */
    private void checkPlugins(String file, DistrictConfig d) {
        for (int i = 0; i < d.plugins().size(); i++) {
            DistrictConfig.PluginUse use = d.plugins().get(i);
            if (!plugins.isStarted(use.id())) {
                throw new TenantConfigException(file, "plugins[" + i + "].id",
                        "no plugin '" + use.id() + "' is installed (installed: " + plugins.startedPlugins() + ")");
            }
            for (PluginSettingsCheck check : settingsChecks) {
                try {
                    check.check(use);
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file, settingsField(i, e.getMessage()), e);
                }
            }
            for (MaterialRequirements r : plugins.extensions(MaterialRequirements.class, use.id())) {
                for (DistrictConfig.Site site : d.sites()) {
                    for (ExamCategory category : ExamCategory.values()) {
                        try {
                            r.requiredFor(new RegistrationFacts(d.code(), site.code(), category.code(), d.examYear()), use.settings());
                        } catch (IllegalArgumentException e) {
                            throw new TenantConfigException(file, settingsField(i, e.getMessage()), e.getMessage());
                        }
                    }
                }
            }
        }
        checkReviewMode(file, d);
        for (DistrictConfig.Site site : d.sites()) {
            for (ExamCategory category : ExamCategory.values()) {
                RegistrationFacts facts = new RegistrationFacts(d.code(), site.code(), category.code(), d.examYear());
                try {
                    checkUploadChecks(file, d, facts, districtPlugins.requirements(d, facts));
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file, "plugins", e.getMessage());
                }
            }
        }
    }

    /** A blank picture of every material type through every upload check: bad check settings are refused now, not at an upload. */
    private void checkUploadChecks(String file, DistrictConfig d, RegistrationFacts facts, List<DistrictPlugins.RequiredType> types) {
        GreyImage probe = new GreyImage(8, 8, new byte[64]);
        for (int i = 0; i < d.plugins().size(); i++) {
            DistrictConfig.PluginUse use = d.plugins().get(i);
            for (MaterialCheck check : plugins.extensions(MaterialCheck.class, use.id())) {
                for (DistrictPlugins.RequiredType type : types) {
                    try {
                        check.check(facts, new ImageFacts(type.type().code(), ImageFormat.JPEG, 64, 8, 8), probe, use.settings());
                    } catch (IllegalArgumentException e) {
                        throw new TenantConfigException(file, settingsField(i, e.getMessage()), e.getMessage());
                    }
                }
            }
        }
    }

    /** The review-mode plugin must provide a mode, accept its settings, and offer slots only at the district's sites. */
    private void checkReviewMode(String file, DistrictConfig d) {
        int index = 0;
        while (!d.plugins().get(index).id().equals(d.review().mode())) {
            index++;
        }
        String at = "plugins[" + index + "]";
        try {
            ReviewMode mode = districtPlugins.reviewMode(d);
            mode.bookingCutoff(d.reviewSettings());
            for (AppointmentSlot slot : mode.slots(d.reviewSettings())) {
                if (d.site(slot.site()).isEmpty()) {
                    throw new TenantConfigException(file, at + ".settings.slots",
                            "slot " + slot.id() + " is at '" + slot.site() + "', which is not a site of this district");
                }
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            boolean namesSetting = message != null && message.startsWith("settings");
            throw new TenantConfigException(file, namesSetting ? at + "." + message.substring(0, message.indexOf(':')) : "review.mode",
                    namesSetting ? message.substring(message.indexOf(':') + 1).trim() : message);
        }
    }

    /** {@code plugins[0].settings.types.id-card.max} from a plugin's "settings.types.id-card.max: ..." message. */
    static String settingsField(int plugin, String message) {
        String prefix = "plugins[" + plugin + "]";
        if (message != null && message.startsWith("settings")) {
            int colon = message.indexOf(':');
            return prefix + "." + (colon < 0 ? message : message.substring(0, colon)).trim();
        }
        return prefix + ".settings";
    }
}
