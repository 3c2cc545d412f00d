package cn.shenhe.district;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One district's configuration, as read from its tenant-config file. Immutable.
 *
 * @param watermark the district's text on every picture, before "仅用于医师资格考试" and the date
 */
public record DistrictConfig(String code, LocalizedText name, int examYear, ReviewMode reviewMode,
                             UploadWindow uploadWindow, String watermark, List<Site> sites,
                             List<PluginUse> plugins) {

    public record Site(String code, LocalizedText name) {
    }

    /** A plugin the district uses, with the district's settings for it. */
    public record PluginUse(String id, PluginSettings settings) {
    }

    /** When candidates may upload: from {@code opens} (inclusive) to {@code closes} (exclusive). */
    public record UploadWindow(OffsetDateTime opens, OffsetDateTime closes) {
        public boolean isOpenAt(Instant t) {
            return !t.isBefore(opens.toInstant()) && t.isBefore(closes.toInstant());
        }
    }

    public DistrictConfig {
        sites = List.copyOf(sites);
        plugins = List.copyOf(plugins);
    }

    public Optional<Site> site(String siteCode) {
        return sites.stream().filter(s -> s.code().equals(siteCode)).findFirst();
    }
}
