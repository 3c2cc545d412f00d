package cn.shenhe.district;

import cn.shenhe.district.DistrictConfig.PluginUse;
import cn.shenhe.district.DistrictConfig.Site;
import cn.shenhe.district.DistrictConfig.UploadWindow;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.PluginSettings;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one tenant-config YAML document into a {@link DistrictConfig}, checking every field and
 * naming the first bad one ({@code bj.yaml: uploadWindow.closes: not a date-time ...}).
 * YAML is parsed safely (plain maps, lists and scalars only; no object construction).
 */
public final class TenantConfigReader {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]{1,31}");
    private static final Pattern SITE_CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final Set<String> KEYS = Set.of("code", "name", "examYear", "review", "uploadWindow",
            "watermark", "pictures", "sites", "plugins");

    private final String file;

    private TenantConfigReader(String file) {
        this.file = file;
    }

    /** @param file the file name, used in messages and checked against the district code */
    public static DistrictConfig read(String file, Reader yaml) {
        return new TenantConfigReader(file).parse(yaml);
    }

    private DistrictConfig parse(Reader yaml) {
        Object doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            doc = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw fail("(document)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Object> root = map(doc, "(document)");
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw fail(key, "unknown field (expected one of " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        String code = string(root, "code", "code");
        if (!CODE.matcher(code).matches()) {
            throw fail("code", "must be 2-32 lower-case letters or digits, starting with a letter: " + code);
        }
        String expectedFile = code + ".yaml";
        if (!file.equals(expectedFile) && !file.equals(code + ".yml")) {
            throw fail("code", "'" + code + "' does not match the file name (expected " + expectedFile + ")");
        }
        LocalizedText name = text(root.get("name"), "name");
        int examYear = integer(root, "examYear", "examYear", 2000, 2100);
        DistrictConfig.Review review = review(root.get("review"));
        Map<String, Object> window = map(root.get("uploadWindow"), "uploadWindow");
        OffsetDateTime opens = dateTime(window.get("opens"), "uploadWindow.opens");
        OffsetDateTime closes = dateTime(window.get("closes"), "uploadWindow.closes");
        if (!closes.isAfter(opens)) {
            throw fail("uploadWindow.closes", "must be after uploadWindow.opens");
        }
        String watermark = string(root, "watermark", "watermark");
        if (watermark.length() > 40) {
            throw fail("watermark", "at most 40 characters");
        }
        OptionalInt storedSide = storedSide(root.get("pictures"));
        List<PluginUse> plugins = plugins(root.get("plugins"));
        if (plugins.stream().noneMatch(p -> p.id().equals(review.mode()))) {
            throw fail("review.mode", "'" + review.mode() + "' must also be listed under plugins");
        }
        return new DistrictConfig(code, name, examYear, review, new UploadWindow(opens, closes), watermark, storedSide,
                sites(root.get("sites"), code), plugins);
    }

    /** {@code pictures:} how the district's pictures are stored; optional, as is each field. */
    private OptionalInt storedSide(Object value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        Map<String, Object> m = map(value, "pictures");
        for (String key : m.keySet()) {
            if (!key.equals("storedSide")) {
                throw fail("pictures." + key, "unknown field (expected storedSide)");
            }
        }
        return m.containsKey("storedSide")
                ? OptionalInt.of(integer(m, "storedSide", "pictures.storedSide", DistrictConfig.MIN_STORED_SIDE, DistrictConfig.MAX_STORED_SIDE))
                : OptionalInt.empty();
    }

    private List<Site> sites(Object value, String district) {
        List<?> list = list(value, "sites");
        if (list.isEmpty()) {
            throw fail("sites", "a district needs at least one site");
        }
        List<Site> sites = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "sites[" + i + "]";
            Map<String, Object> m = map(list.get(i), path);
            String code = string(m, "code", path + ".code");
            if (!SITE_CODE.matcher(code).matches() || !code.startsWith(district + "-")) {
                throw fail(path + ".code", "must start with '" + district + "-' and use lower-case letters, digits and '-': " + code);
            }
            if (!seen.add(code)) {
                throw fail(path + ".code", "duplicate site " + code);
            }
            sites.add(new Site(code, text(m.get("name"), path + ".name")));
        }
        return sites;
    }

    private List<PluginUse> plugins(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> list = list(value, "plugins");
        List<PluginUse> uses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "plugins[" + i + "]";
            Map<String, Object> m = map(list.get(i), path);
            String id = string(m, "id", path + ".id");
            if (!PLUGIN_ID.matcher(id).matches()) {
                throw fail(path + ".id", "not a plugin id: " + id);
            }
            if (!seen.add(id)) {
                throw fail(path + ".id", "plugin named twice: " + id);
            }
            Object settings = m.get("settings");
            uses.add(new PluginUse(id, new PluginSettings(settings == null ? Map.of() : map(settings, path + ".settings"))));
        }
        return uses;
    }

    private LocalizedText text(Object value, String path) {
        Map<String, Object> m = map(value, path);
        for (String key : m.keySet()) {
            if (!key.equals("zh") && !key.equals("en")) {
                // e.g. an unquoted comma in a flow map: { zh: 照片模糊,请重拍, en: ... } gives a key "请重拍"
                throw fail(path, "unknown field '" + key + "' (expected zh and en; quote a text that contains a comma)");
            }
        }
        return LocalizedText.of(string(m, "zh", path + ".zh"), string(m, "en", path + ".en"));
    }

    private static final Set<String> REVIEW_KEYS = Set.of("mode", "claimMinutes", "publishOutcomes", "commentTemplates");

    private DistrictConfig.Review review(Object value) {
        Map<String, Object> m = map(value, "review");
        for (String key : m.keySet()) {
            if (!REVIEW_KEYS.contains(key)) {
                throw fail("review." + key, "unknown field (expected one of " + new java.util.TreeSet<>(REVIEW_KEYS) + ")");
            }
        }
        String mode = string(m, "mode", "review.mode");
        if (!PLUGIN_ID.matcher(mode).matches()) {
            throw fail("review.mode", "not a plugin id (e.g. online-review, onsite-review): " + mode);
        }
        int claimMinutes = m.containsKey("claimMinutes") ? integer(m, "claimMinutes", "review.claimMinutes", 1, 24 * 60) : 15;
        DistrictConfig.Publication publication = DistrictConfig.Publication.ON_PUBLISH;
        if (m.containsKey("publishOutcomes")) {
            String p = string(m, "publishOutcomes", "review.publishOutcomes");
            publication = java.util.Arrays.stream(DistrictConfig.Publication.values()).filter(x -> x.code().equals(p))
                    .findFirst().orElseThrow(() -> fail("review.publishOutcomes", "must be on-publish or immediately, not " + p));
        }
        List<LocalizedText> templates = new ArrayList<>();
        if (m.containsKey("commentTemplates")) {
            List<?> list = list(m.get("commentTemplates"), "review.commentTemplates");
            for (int i = 0; i < list.size(); i++) {
                LocalizedText t = text(list.get(i), "review.commentTemplates[" + i + "]");
                if (t.zh().length() > 500 || t.en().length() > 500) {
                    throw fail("review.commentTemplates[" + i + "]", "at most 500 characters");
                }
                templates.add(t);
            }
        }
        return new DistrictConfig.Review(mode, claimMinutes, publication, templates);
    }

    private OffsetDateTime dateTime(Object value, String path) {
        if (value == null) {
            throw fail(path, "missing (e.g. 2027-01-15T00:00:00+08:00)");
        }
        if (value instanceof Date d) {
            // SnakeYAML turns an unquoted ISO timestamp into a Date (UTC); keep Beijing time for display.
            return d.toInstant().atOffset(java.time.ZoneOffset.ofHours(8));
        }
        try {
            return OffsetDateTime.parse(value.toString().trim());
        } catch (DateTimeParseException e) {
            throw fail(path, "not a date-time with offset (e.g. 2027-01-15T00:00:00+08:00): " + value);
        }
    }

    private int integer(Map<String, Object> m, String key, String path, int min, int max) {
        Object v = m.get(key);
        if (v == null) {
            throw fail(path, "missing");
        }
        if (!(v instanceof Integer i)) {
            throw fail(path, "not a whole number: " + v);
        }
        if (i < min || i > max) {
            throw fail(path, "must be between " + min + " and " + max + ": " + i);
        }
        return i;
    }

    private String string(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw fail(path, "missing");
        }
        if (v instanceof Map || v instanceof List) {
            throw fail(path, "expected text");
        }
        return v.toString().trim();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String path) {
        if (value == null) {
            throw fail(path, "missing");
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw fail(path, "expected a map of fields");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw fail(path, "field names must be text: " + k);
            }
        }
        return (Map<String, Object>) m;
    }

    private List<?> list(Object value, String path) {
        if (value == null) {
            throw fail(path, "missing");
        }
        if (!(value instanceof List<?> l)) {
            throw fail(path, "expected a list");
        }
        return l;
    }

    private TenantConfigException fail(String field, String problem) {
        return new TenantConfigException(file, field, problem);
    }
}
