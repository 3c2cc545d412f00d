package cn.shenhe.plugins.standard;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialCheck;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.RegistrationFacts;
import org.pf4j.Extension;

/**
 * Refuses pictures too small to read and warns reviewers of small ones. Judged on the shorter
 * side, so portrait and landscape photos are treated alike. Settings: {@code minShortSide}
 * (refuse below, default 300 px), {@code warnShortSide} (warn below, default 600 px).
 */
@Extension
public class MinimumResolution implements MaterialCheck {

    @Override
    public CheckResult check(RegistrationFacts registration, ImageFacts image, PluginSettings settings) {
        int shortSide = Math.min(image.width(), image.height());
        int refuseBelow = settings.intValue("minShortSide", 300);
        int warnBelow = settings.intValue("warnShortSide", 600);
        if (shortSide < refuseBelow) {
            return CheckResult.error("resolution-too-low", LocalizedText.of(
                    "图片太小(短边 " + shortSide + " 像素),看不清内容,请拍摄清晰的照片后重新上传(短边至少 " + refuseBelow + " 像素)",
                    "The picture is too small (" + shortSide + " px on its short side) to read; take a clearer photo (at least " + refuseBelow + " px)"));
        }
        if (shortSide < warnBelow) {
            return CheckResult.warning("resolution-low", LocalizedText.of(
                    "图片分辨率较低(短边 " + shortSide + " 像素)", "Low resolution (" + shortSide + " px on its short side)"));
        }
        return CheckResult.ok();
    }
}
