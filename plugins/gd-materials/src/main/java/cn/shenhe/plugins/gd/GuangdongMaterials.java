package cn.shenhe.plugins.gd;

import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialRequirements;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.SampleImage;
import java.util.EnumSet;
import java.util.List;
import org.pf4j.Extension;

/**
 * Guangdong asks candidates for a residence or social-insurance proof (居住证或社保证明), needed
 * there when registering away from the household district. Settings: {@code min} (default 1),
 * {@code max} (default 3), {@code maxBytes} (default 200 KB).
 */
@Extension
public class GuangdongMaterials implements MaterialRequirements {

    static final LocalizedText NAME = LocalizedText.of("居住证或社保证明", "Residence permit or social-insurance proof");
    static final int MIN = 1;
    static final int MAX = 3;

    @Override
    public List<MaterialType> requiredFor(RegistrationFacts registration, PluginSettings settings) {
        return List.of(new MaterialType("residence-proof",
                NAME,
                LocalizedText.of("广东省居住证或近 6 个月社保缴费证明,信息完整清晰",
                        "Guangdong residence permit or the last 6 months of social-insurance payments, complete and legible"),
                new SampleImage("/samples/residence-proof.png", "image/png"),
                settings.intValue("min", MIN), settings.intValue("max", MAX),
                EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG),
                settings.longValue("maxBytes", MaterialType.DEFAULT_MAX_BYTES)));
    }
}
