package cn.shenhe.plugins.standard;

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
 * The material types every district asks for (FAQ: ID proof takes exactly two pictures, front and
 * back). A district may change each type's counts and size limit in its settings:
 * <pre>
 * settings:
 *   maxBytes: 204800          # every type
 *   types:
 *     practice-proof: { min: 1, max: 3, maxBytes: 204800 }
 * </pre>
 */
@Extension
public class StandardMaterials implements MaterialRequirements {

    static final List<MaterialType> DEFAULTS = List.of(
            type("id-card", "身份证明", "Identity card",
                    "身份证正面、反面各一张,四角完整、字迹清晰", "Front and back of the ID card, all four corners visible, text legible",
                    2, 2),
            type("diploma", "学历证书", "Diploma",
                    "毕业证书原件照片;如有学位证书可一并上传", "Photo of the original diploma; add the degree certificate if you have one",
                    1, 2),
            type("practice-proof", "试用期考核证明", "Probation / practice proof",
                    "医学专业工作或试用期考核证明,须有单位盖章", "Proof of medical work or probation assessment, with the employer's seal",
                    1, 5),
            type("other", "其他材料", "Other documents",
                    "考区要求的其他材料(选填)", "Other documents your district asks for (optional)",
                    0, 5));

    @Override
    public List<MaterialType> requiredFor(RegistrationFacts registration, PluginSettings settings) {
        long defaultMaxBytes = settings.longValue("maxBytes", MaterialType.DEFAULT_MAX_BYTES);
        PluginSettings overrides = settings.section("types");
        return DEFAULTS.stream().map(t -> {
            PluginSettings o = overrides.section(t.code());
            return new MaterialType(t.code(), t.name(), t.hint(), t.sample(),
                    o.intValue("min", t.minImages()), o.intValue("max", t.maxImages()),
                    t.formats(), o.longValue("maxBytes", defaultMaxBytes));
        }).toList();
    }

    private static MaterialType type(String code, String zh, String en, String hintZh, String hintEn, int min, int max) {
        return new MaterialType(code, LocalizedText.of(zh, en), LocalizedText.of(hintZh, hintEn),
                new SampleImage("/samples/" + code + ".png", "image/png"),
                min, max, EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), MaterialType.DEFAULT_MAX_BYTES);
    }
}
