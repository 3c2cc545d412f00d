package cn.shenhe.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * An automatic check run on each upload after the host has decoded it and before it is stored
 * (e.g. a minimum resolution). Must be fast, pure and thread-safe.
 *
 * @since 1.0
 */
public interface MaterialCheck extends ExtensionPoint {

    CheckResult check(RegistrationFacts registration, ImageFacts image, PluginSettings settings);
}
