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
