package cn.shenhe.plugins.standard;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.SettingsSchema;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** The settings of {@link StandardMaterials} (each type's counts and size) and of {@link MinimumResolution}. */
@Extension
public class StandardSettings implements SettingsSchema {

    private static final LocalizedText ALL = LocalizedText.of("全部材料", "All materials");
    /** 10 KB to 10 MB: below, no photo is legible; above, uploads on a phone take too long. */
    private static final long LEAST_BYTES = 10L * 1024;
    private static final long MOST_BYTES = 10L * 1024 * 1024;
    private static final long MOST_IMAGES = 20;

    @Override
    public LocalizedText name() {
        return LocalizedText.of("标准材料", "Standard materials");
    }

    @Override
    public List<Setting> settings() {
        List<Setting> settings = new ArrayList<>(List.of(
                Setting.of("maxBytes", Type.BYTES, LocalizedText.of("每张图片最大", "Largest picture"))
                        .withDefault(MaterialType.DEFAULT_MAX_BYTES).withRange(LEAST_BYTES, MOST_BYTES).in(ALL),
                Setting.number("minShortSide", LocalizedText.of("短边少于此像素则拒收", "Refuse below this short side (px)"), 300, 0, 10_000).in(ALL),
                Setting.number("warnShortSide", LocalizedText.of("短边少于此像素则提醒", "Warn below this short side (px)"), 600, 0, 10_000).in(ALL)));
        for (MaterialType t : StandardMaterials.DEFAULTS) {
            String at = "types." + t.code() + ".";
            settings.add(Setting.number(at + "min", LocalizedText.of("最少张数", "Fewest pictures"), t.minImages(), 0, MOST_IMAGES).in(t.name()));
            settings.add(Setting.number(at + "max", LocalizedText.of("最多张数", "Most pictures"), t.maxImages(), 1, MOST_IMAGES).in(t.name()));
            settings.add(Setting.of(at + "maxBytes", Type.BYTES, LocalizedText.of("每张图片最大", "Largest picture"))
                    .withRange(LEAST_BYTES, MOST_BYTES).in(t.name()));
        }
        return settings;
    }
}
