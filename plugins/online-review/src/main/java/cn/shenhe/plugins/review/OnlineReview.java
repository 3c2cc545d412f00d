package cn.shenhe.plugins.review;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.plugin.api.SettingsSchema;
import java.util.List;
import org.pf4j.Extension;

/** 网上审核: the site's reviewers judge the uploaded pictures; no appointments. No settings. */
@Extension
public class OnlineReview implements ReviewMode, SettingsSchema {

    @Override
    public String id() {
        return "online-review";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("网上审核", "Online review");
    }

    @Override
    public boolean inPerson() {
        return false;
    }

    @Override
    public List<Setting> settings() {
        return List.of();
    }
}
