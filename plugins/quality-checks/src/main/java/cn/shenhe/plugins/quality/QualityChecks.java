package cn.shenhe.plugins.quality;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialCheck;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.SettingsSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Looks at each uploaded picture for what makes reviewers send it back: blur, too dark, overexposed,
 * the document too small in the frame, sideways. Each check is {@code off}, {@code warn} (kept, the
 * candidate and the reviewers are told) or {@code refuse} (not stored), with its threshold, for the
 * whole district and per material type:
 * <pre>
 * settings:
 *   blur: { mode: warn, threshold: 300 }
 *   types:
 *     id-card: { orientation: landscape, blur: { mode: refuse } }
 * </pre>
 * A check without settings warns at its default threshold.
 */
@Extension
public class QualityChecks implements MaterialCheck, SettingsSchema {

    enum Mode { OFF, WARN, REFUSE }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("照片质量检查", "Photo quality checks");
    }

    /** The district-wide settings of each check; those per material type ({@code types.<code>}) are left to the tenant-config. */
    @Override
    public List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (QualityCheck check : QualityCheck.values()) {
            settings.add(Setting.choice(check.key() + ".mode", LocalizedText.of("处理方式", "Action"), "warn",
                    new Choice("off", LocalizedText.of("不检查", "Off")),
                    new Choice("warn", LocalizedText.of("提醒", "Warn")),
                    new Choice("refuse", LocalizedText.of("拒收", "Refuse"))).in(check.checkName()));
            settings.add(Setting.of(check.key() + ".threshold", Type.NUMBER, LocalizedText.of("阈值", "Threshold"))
                    .withDefault(check.defaultThreshold()).withRange(0L, null).in(check.checkName()));
        }
        return settings;
    }

    @Override
    public CheckResult check(RegistrationFacts registration, ImageFacts image, GreyImage grey, PluginSettings settings) {
        PluginSettings type = settings.section("types").section(image.materialType());
        QualityCheck.Picture picture = new QualityCheck.Picture(grey, orientation(type));
        List<CheckResult.Finding> errors = new ArrayList<>();
        List<CheckResult.Finding> warnings = new ArrayList<>();
        for (QualityCheck check : QualityCheck.values()) {
            PluginSettings district = settings.section(check.key());
            PluginSettings own = type.section(check.key());
            Mode mode = mode(own.string("mode").or(() -> district.string("mode")).orElse("warn"), own.has("mode") ? own : district);
            if (mode == Mode.OFF) {
                continue;
            }
            int threshold = own.has("threshold") ? own.intValue("threshold", 0) : district.intValue("threshold", check.defaultThreshold());
            if (check.fails(picture, threshold)) {
                if (mode == Mode.REFUSE) {
                    errors.add(new CheckResult.Finding(check.code(), check.refusal()));
                } else {
                    warnings.add(new CheckResult.Finding(check.code(), check.warning()));
                }
            }
        }
        return new CheckResult(errors, warnings);
    }

    private static Mode mode(String value, PluginSettings at) {
        if (value.equals("false")) {
            return Mode.OFF;   // YAML 1.1 reads an unquoted off as false
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at.path() + ".mode: off, warn or refuse, not " + value);
        }
    }

    private static QualityCheck.Orientation orientation(PluginSettings type) {
        String value = type.string("orientation").orElse("any").trim().toUpperCase(Locale.ROOT);
        if (value.equals("ANY")) {
            return null;
        }
        try {
            return QualityCheck.Orientation.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.path() + ".orientation: landscape, portrait or any, not " + value);
        }
    }
}
