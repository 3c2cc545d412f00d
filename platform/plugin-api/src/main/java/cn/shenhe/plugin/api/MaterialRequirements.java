package cn.shenhe.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Decides which material types a registration must provide. A district names the plugins that
 * provide it in its tenant-config; the host asks each, in the order named, and joins their
 * answers (a later plugin's type replaces an earlier one with the same code).
 *
 * <p>Called often (every registration view, every upload): implementations must be fast, pure
 * and thread-safe. Settings are the district's, passed on every call so one plugin instance
 * serves every district.
 *
 * @since 1.0
 */
public interface MaterialRequirements extends ExtensionPoint {

    List<MaterialType> requiredFor(RegistrationFacts registration, PluginSettings settings);
}
