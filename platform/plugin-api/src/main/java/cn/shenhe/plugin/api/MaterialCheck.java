package cn.shenhe.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * An automatic check run on each upload after the host has decoded it and turned it upright, and
 * before it is stored. Errors refuse the upload (nothing is stored); warnings are kept with the
 * picture, shown to the candidate at once and to reviewers. Must be fast (a few milliseconds),
 * pure and thread-safe.
 *
 * <p>The host calls the four-argument method; a check implements whichever it needs: the facts
 * alone (e.g. a minimum resolution, since 1.0) or the picture's content (since 1.2).
 *
 * @since 1.0
 */
public interface MaterialCheck extends ExtensionPoint {

    /** A check on what is known of the picture without looking at it (since 1.0). */
    default CheckResult check(RegistrationFacts registration, ImageFacts image, PluginSettings settings) {
        return CheckResult.ok();
    }

    /**
     * A check that looks at the picture (blur, exposure, framing, ...).
     *
     * @param grey the picture upright, unwatermarked, scaled down and in grey levels
     * @since 1.2
     */
    default CheckResult check(RegistrationFacts registration, ImageFacts image, GreyImage grey, PluginSettings settings) {
        return check(registration, image, settings);
    }
}
