package cn.shenhe.district;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One district's configuration, as read from its tenant-config file. Immutable.
 *
 * @param watermark the district's text on every picture, before "仅用于医师资格考试" and the date
 * @param storedSide the longest side of its stored pictures ({@code pictures.storedSide}); empty: the server's setting
 */
public record DistrictConfig(String code, LocalizedText name, int examYear, Review review,
                             UploadWindow uploadWindow, String watermark, OptionalInt storedSide, List<Site> sites,
                             List<PluginUse> plugins) {

    /** The range a district may choose its stored side in: documents stay legible, a picture stays within its byte limit. */
    public static final int MIN_STORED_SIDE = 1200;
    public static final int MAX_STORED_SIDE = 4000;

    public record Site(String code, LocalizedText name) {
    }

    /**
     * How the district reviews.
     *
     * @param mode            the {@code ReviewMode} plugin (online-review, onsite-review), also named under plugins
     * @param claimMinutes    how long a reviewer's claim on a registration lasts unless renewed
     * @param publishOutcomes when candidates see a registration's outcome (考点通过 / 审核通过 / 审核拒绝)
     * @param commentTemplates frequent review comments, offered to reviewers
     */
    public record Review(String mode, int claimMinutes, Publication publishOutcomes, List<LocalizedText> commentTemplates) {
        public Review {
            commentTemplates = List.copyOf(commentTemplates);
        }
    }

    /**
     * ON_PUBLISH: an outcome shows once its site (site level) or district (district level) has
     * finished and published its reviews, as the FAQ describes; IMMEDIATELY: at once.
     */
    public enum Publication {
        ON_PUBLISH, IMMEDIATELY;

        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
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

    /** The settings the district gives its review-mode plugin. */
    public PluginSettings reviewSettings() {
        return plugins.stream().filter(p -> p.id().equals(review.mode())).findFirst()
                .map(PluginUse::settings).orElse(PluginSettings.empty());
    }

    public Optional<Site> site(String siteCode) {
        return sites.stream().filter(s -> s.code().equals(siteCode)).findFirst();
    }
}
