package cn.shenhe.plugin.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pf4j.ExtensionPoint;

/**
 * The settings a plugin takes ({@code plugins[].settings}), described so that the host can check a
 * district's values before the plugin sees them and an administrator's form can be drawn without
 * knowing the plugin. A plugin provides at most one; a plugin without one takes no settings the
 * host knows of (its own checks still run).
 *
 * <p>A setting's {@link Setting#key() key} is its path in the settings, dotted for nested maps
 * ({@code smtp.host}, {@code types.diploma.max}); keys the schema does not name are left to the
 * plugin.
 *
 * @since 1.4
 */
public interface SettingsSchema extends ExtensionPoint {

    /** The plugin's name, shown above its settings. */
    LocalizedText name();

    /** The settings, in the order a form shows them. */
    List<Setting> settings();

    /** What a value is. */
    enum Type {
        /** A line of text. */
        TEXT,
        /** A whole number, between {@link Setting#min()} and {@link Setting#max()} when given. */
        NUMBER,
        /** A size in bytes (a whole number; forms show it in KB). */
        BYTES,
        /** true or false. */
        BOOLEAN,
        /** One of {@link Setting#choices()}. */
        CHOICE,
        /** A list of some of {@link Setting#choices()}. */
        CHOICES,
        /** A secret, named and never written: {@code {env: NAME}} or {@code {file: /path}} ({@link PluginSettings#secret}). */
        SECRET,
        /** A day, {@code 2027-03-10}. */
        DATE,
        /** A time of day, {@code "09:00"}. */
        TIME,
        /** The code of one of the district's exam sites. */
        SITE,
        /** A list of items, each a map of the {@link Setting#fields()} (keys relative to the item). */
        LIST
    }

    /** One allowed value of a {@link Type#CHOICE} or {@link Type#CHOICES} setting, with its label. */
    record Choice(String value, LocalizedText label) {
        public Choice {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * One setting.
     *
     * @param key          its dotted path in the settings
     * @param type         what its value is
     * @param label        what a form calls it
     * @param group        the heading it is shown under, or null
     * @param defaultValue the value the plugin takes when it is absent, or null (none, or {@link #required})
     * @param required     whether it must be given
     * @param min          the least number (or the fewest characters or items), or null
     * @param max          the greatest number (or the most characters or items), or null
     * @param choices      the allowed values of a choice; empty otherwise
     * @param fields       the fields of each item of a {@link Type#LIST}; empty otherwise
     */
    record Setting(String key, Type type, LocalizedText label, LocalizedText group, Object defaultValue, boolean required,
                   Long min, Long max, List<Choice> choices, List<Setting> fields) {
        public Setting {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            choices = choices == null ? List.of() : List.copyOf(choices);
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        /** A setting of the given type with no default or constraint; the {@code with...} methods add them. */
        public static Setting of(String key, Type type, LocalizedText label) {
            return new Setting(key, type, label, null, null, false, null, null, List.of(), List.of());
        }

        /** A whole number between min and max (inclusive), with its default. */
        public static Setting number(String key, LocalizedText label, long defaultValue, long min, long max) {
            return of(key, Type.NUMBER, label).withDefault(defaultValue).withRange(min, max);
        }

        /** One of the choices, with its default. */
        public static Setting choice(String key, LocalizedText label, String defaultValue, Choice... choices) {
            return new Setting(key, Type.CHOICE, label, null, defaultValue, false, null, null, Arrays.asList(choices), List.of());
        }

        public Setting withDefault(Object value) {
            return new Setting(key, type, label, group, value, required, min, max, choices, fields);
        }

        public Setting withRange(Long least, Long greatest) {
            return new Setting(key, type, label, group, defaultValue, required, least, greatest, choices, fields);
        }

        public Setting in(LocalizedText heading) {
            return new Setting(key, type, label, heading, defaultValue, required, min, max, choices, fields);
        }

        public Setting mandatory() {
            return new Setting(key, type, label, group, defaultValue, true, min, max, choices, fields);
        }

        public Setting withChoices(Choice... allowed) {
            return new Setting(key, type, label, group, defaultValue, required, min, max, Arrays.asList(allowed), fields);
        }

        public Setting withFields(Setting... itemFields) {
            return new Setting(key, type, label, group, defaultValue, required, min, max, choices, Arrays.asList(itemFields));
        }
    }
}
