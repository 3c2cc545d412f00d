package cn.shenhe.plugins.gd;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.SettingsSchema;
import java.util.List;
import org.pf4j.Extension;

/** The settings of {@link GuangdongMaterials}: the residence proof's counts and size. */
@Extension
public class GuangdongSettings implements SettingsSchema {

    @Override
    public LocalizedText name() {
        return LocalizedText.of("广东材料", "Guangdong materials");
    }

    @Override
    public List<Setting> settings() {
        LocalizedText type = GuangdongMaterials.NAME;
        return List.of(
                Setting.number("min", LocalizedText.of("最少张数", "Fewest pictures"), GuangdongMaterials.MIN, 0, 20).in(type),
                Setting.number("max", LocalizedText.of("最多张数", "Most pictures"), GuangdongMaterials.MAX, 1, 20).in(type),
                Setting.of("maxBytes", Type.BYTES, LocalizedText.of("每张图片最大", "Largest picture"))
                        .withDefault(MaterialType.DEFAULT_MAX_BYTES).withRange(10L * 1024, 10L * 1024 * 1024).in(type));
    }
}
