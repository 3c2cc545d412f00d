package cn.shenhe.district;

import cn.shenhe.district.DistrictConfig.PluginUse;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.MaterialCheck;
import cn.shenhe.plugin.api.MaterialRequirements;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.ReviewMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a district's plugins say, asked in the order the district names them. This is the only
 * way the rest of the server reaches plugin code.
 */
@ApplicationScoped
public class DistrictPlugins {

    @Inject
    PluginHost host;

    /** A material type, with the plugin that defined it (for its sample image). */
    public record RequiredType(MaterialType type, String pluginId) {
    }

    /** The types the registration must provide; a later plugin's type replaces an earlier one with the same code. */
    public List<RequiredType> requirements(DistrictConfig district, RegistrationFacts facts) {
        Map<String, RequiredType> types = new LinkedHashMap<>();
        for (PluginUse use : district.plugins()) {
            for (MaterialRequirements r : host.extensions(MaterialRequirements.class, use.id())) {
                for (MaterialType t : r.requiredFor(facts, use.settings())) {
                    types.put(t.code(), new RequiredType(t, use.id()));
                }
            }
        }
        return List.copyOf(types.values());
    }

    public Optional<RequiredType> requirement(DistrictConfig district, RegistrationFacts facts, String typeCode) {
        return requirements(district, facts).stream().filter(t -> t.type().code().equals(typeCode)).findFirst();
    }

    /** Runs every upload check of the district's plugins on the picture and joins their findings. */
    public CheckResult check(DistrictConfig district, RegistrationFacts facts, ImageFacts image, GreyImage grey) {
        List<CheckResult.Finding> errors = new ArrayList<>();
        List<CheckResult.Finding> warnings = new ArrayList<>();
        for (PluginUse use : district.plugins()) {
            for (MaterialCheck c : host.extensions(MaterialCheck.class, use.id())) {
                CheckResult r = c.check(facts, image, grey, use.settings());
                errors.addAll(r.errors());
                warnings.addAll(r.warnings());
            }
        }
        return new CheckResult(errors, warnings);
    }

    /**
     * The district's review mode: the {@link ReviewMode} of the plugin its {@code review.mode}
     * names. The directory refuses at load a district whose plugin provides none.
     */
    public ReviewMode reviewMode(DistrictConfig district) {
        String id = district.review().mode();
        return host.extensions(ReviewMode.class, id).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plugin '" + id + "' provides no review mode"));
    }

    /** The appointment slots the district offers (none unless its review mode is in person). */
    public List<AppointmentSlot> slots(DistrictConfig district) {
        return reviewMode(district).slots(district.reviewSettings());
    }

    /** The sample image of a type, from inside the plugin that defined it. */
    public Optional<byte[]> sample(RequiredType type) {
        if (type.type().sample() == null) {
            return Optional.empty();
        }
        return host.resource(type.pluginId(), type.type().sample().resource());
    }
}
