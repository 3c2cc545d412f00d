package cn.shenhe.plugin.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a district gives one plugin in its tenant-config file ({@code plugins[].settings}).
 * Values are what YAML gives: strings, numbers, booleans, lists and maps.
 * A plugin throws {@link IllegalArgumentException} on a bad value; the host reports it with the
 * district and the setting's path.
 */
public final class PluginSettings {

    private final Map<String, Object> values;
    private final String path;

    public PluginSettings(Map<String, ?> values) {
        this(values, "settings");
    }

    private PluginSettings(Map<String, ?> values, String path) {
        this.values = values == null ? Map.of() : Map.copyOf(values);
        this.path = path;
    }

    public static PluginSettings empty() {
        return new PluginSettings(Map.of());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    public long longValue(String key, long defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + "." + key + ": not a whole number: " + v);
        }
    }

    public int intValue(String key, int defaultValue) {
        long v = longValue(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + "." + key + ": out of range: " + v);
        }
        return (int) v;
    }

    public boolean booleanValue(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(path + "." + key + ": not true/false: " + v);
        };
    }

    /** A nested map of settings, empty if absent. */
    public PluginSettings section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return new PluginSettings(Map.of(), path + "." + key);
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            return new PluginSettings(typed, path + "." + key);
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a map of settings");
    }

    public List<?> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a list");
    }

    /** A list of nested maps, each read with its position in messages ({@code settings.slots[2]}). */
    public List<PluginSettings> sections(String key) {
        List<?> items = list(key);
        List<PluginSettings> sections = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = path + "." + key + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(at + ": expected a map of settings");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            sections.add(new PluginSettings(typed, at));
        }
        return sections;
    }

    /**
     * A secret (a password, a signing key) the settings name but never hold: {@code {env: NAME}}
     * reads the environment variable, {@code {file: /run/secrets/x}} the file (UTF-8, trailing
     * line breaks dropped). A secret written out in clear is refused, so a configuration file or its
     * exported versions never carry one. Read at each call: a rotated file is used at once.
     *
     * @return empty when the setting is absent
     * @throws IllegalArgumentException when it is in clear, malformed, or names nothing readable
     * @since 1.3
     */
    public Optional<String> secret(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        String at = path + "." + key;
        if (!(values.get(key) instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(at + ": a secret is named, never written here: {env: NAME} or {file: /path}");
        }
        PluginSettings ref = section(key);
        Optional<String> env = ref.string("env");
        Optional<String> file = ref.string("file");
        if (env.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException(at + ": give exactly one of env or file");
        }
        if (env.isPresent()) {
            String value = System.getenv(env.get());
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(at + ": environment variable " + env.get() + " is not set");
            }
            return Optional.of(value);
        }
        try {
            String value = java.nio.file.Files.readString(java.nio.file.Path.of(file.get()), java.nio.charset.StandardCharsets.UTF_8)
                    .stripTrailing();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(at + ": file " + file.get() + " is empty");
            }
            return Optional.of(value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(at + ": file " + file.get() + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** Where these settings sit, for messages: {@code settings.slots[2]}. */
    public String path() {
        return path;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return path + values;
    }
}
