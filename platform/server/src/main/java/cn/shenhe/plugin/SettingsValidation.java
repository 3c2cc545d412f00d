package cn.shenhe.plugin;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.SettingsSchema.Choice;
import cn.shenhe.plugin.api.SettingsSchema.Setting;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a district's settings of one plugin against the plugin's {@link cn.shenhe.plugin.api.SettingsSchema}:
 * each declared setting that is given has the declared type and constraints, and each required one is given.
 * Values are what the tenant-config's YAML gives, so the forms YAML 1.1 reads into other types are taken
 * as the plugins take them (an unquoted {@code 10:30} is the number of minutes, {@code off} is false).
 * Keys the schema does not declare are left to the plugin (and to the host's own keys, e.g. a sender's
 * {@code retry}).
 */
public final class SettingsValidation {

    private SettingsValidation() {
    }

    /** @throws SettingRefusal naming the first setting refused */
    public static void check(List<Setting> schema, Map<String, ?> settings) {
        check(schema, settings, "");
    }

    private static void check(List<Setting> schema, Map<String, ?> settings, String prefix) {
        for (Setting s : schema) {
            Object value = valueAt(settings, s.key());
            String key = prefix + s.key();
            if (value == null) {
                if (s.required()) {
                    throw refuse(key, "必须填写", "required");
                }
                continue;
            }
            checkValue(s, key, value);
        }
    }

    /** The value at a dotted path through nested maps, or null when a step is missing (or not a map). */
    static Object valueAt(Map<String, ?> settings, String dottedKey) {
        Object at = settings;
        for (String step : dottedKey.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(step);
        }
        return at;
    }

    private static void checkValue(Setting s, String key, Object value) {
        switch (s.type()) {
            case TEXT, SITE -> {
                if (value instanceof Map || value instanceof List) {
                    throw refuse(key, "应为一段文字", "must be text");
                }
                String text = value.toString();
                if (s.required() && text.isBlank()) {
                    throw refuse(key, "必须填写", "required");
                }
                inRange(s, key, text.length(), "个字", " characters");
            }
            case NUMBER, BYTES -> inRange(s, key, wholeNumber(key, value), "", "");
            case BOOLEAN -> {
                if (!(value instanceof Boolean) && !List.of("true", "false", "yes", "no").contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                    throw refuse(key, "应为是或否(true 或 false)", "must be true or false");
                }
            }
            case CHOICE -> oneOf(s, key, value);
            case CHOICES -> {
                if (!(value instanceof List<?> items)) {
                    throw refuse(key, "应为一组选项", "must be a list of choices");
                }
                for (Object item : items) {
                    oneOf(s, key, item);
                }
                inRange(s, key, items.size(), "项", " items");
            }
            case SECRET -> secret(key, value);
            case DATE -> date(key, value);
            case TIME -> time(key, value);
            case LIST -> list(s, key, value);
        }
    }

    private static long wholeNumber(String key, Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw refuse(key, "应为整数,而不是 " + value, "must be a whole number, not " + value);
        }
    }

    private static void inRange(Setting s, String key, long n, String unitZh, String unitEn) {
        if (s.min() != null && s.max() != null && (n < s.min() || n > s.max())) {
            throw refuse(key, "应在 " + s.min() + " 到 " + s.max() + unitZh + " 之间: " + n,
                    "must be between " + s.min() + " and " + s.max() + unitEn + ": " + n);
        }
        if (s.min() != null && n < s.min()) {
            throw refuse(key, "不能少于 " + s.min() + unitZh + ": " + n, "must be at least " + s.min() + unitEn + ": " + n);
        }
        if (s.max() != null && n > s.max()) {
            throw refuse(key, "不能多于 " + s.max() + unitZh + ": " + n, "must be at most " + s.max() + unitEn + ": " + n);
        }
    }

    /** Choices are matched regardless of case, as the plugins read them; YAML 1.1 reads an unquoted off or no as false, on or yes as true. */
    private static void oneOf(Setting s, String key, Object value) {
        List<String> spelled = value instanceof Boolean b
                ? (b ? List.of("true", "on", "yes") : List.of("false", "off", "no"))
                : List.of(value.toString().trim());
        boolean allowed = s.choices().stream().map(Choice::value).anyMatch(c -> spelled.stream().anyMatch(c::equalsIgnoreCase));
        if (!allowed) {
            String choices = s.choices().stream().map(Choice::value).collect(Collectors.joining(", "));
            throw refuse(key, "应为 " + choices + " 之一,而不是 " + value, "must be one of " + choices + ", not " + value);
        }
    }

    private static void secret(String key, Object value) {
        if (value instanceof Map<?, ?> ref && ref.size() == 1 && (ref.get("env") instanceof String || ref.get("file") instanceof String)
                && !ref.values().iterator().next().toString().isBlank()) {
            return;
        }
        throw refuse(key, "密钥只能引用,不能写在这里:{env: 环境变量名} 或 {file: 文件路径}",
                "a secret is named, never written here: {env: NAME} or {file: /path}");
    }

    private static void date(String key, Object value) {
        if (value instanceof Date) {
            return;   // YAML reads an unquoted 2027-03-10 as a timestamp
        }
        try {
            LocalDate.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            throw refuse(key, "应为日期(如 2027-03-10): " + value, "must be a date (e.g. 2027-03-10): " + value);
        }
    }

    private static void time(String key, Object value) {
        if (value instanceof Integer minutes && minutes >= 0 && minutes < 24 * 60) {
            return;   // YAML 1.1 reads an unquoted 10:30 as the base-60 number 630
        }
        try {
            LocalTime.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            throw refuse(key, "应为时刻(如 \"09:00\"): " + value, "must be a time of day (e.g. \"09:00\"): " + value);
        }
    }

    private static void list(Setting s, String key, Object value) {
        if (!(value instanceof List<?> items)) {
            throw refuse(key, "应为一组条目", "must be a list");
        }
        inRange(s, key, items.size(), "项", " items");
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw refuse(key + "[" + i + "]", "应为一组设置", "must be a map of settings");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) item;
            check(s.fields(), typed, key + "[" + i + "].");
        }
    }

    private static SettingRefusal refuse(String key, String zh, String en) {
        return new SettingRefusal(key, LocalizedText.of(zh, en));
    }
}
