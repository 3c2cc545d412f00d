package cn.shenhe.district;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A district configuration as a document: the tenant-config YAML schema, as YAML text (the
 * export/import format, and what the database stores) or as JSON. Both become the same tree of
 * plain maps, lists and scalars, which {@link TenantConfigReader} validates and
 * {@link ConfigDiff} compares. Timestamps are kept as ISO text with their offset, so that YAML
 * and JSON give identical trees.
 */
public final class ConfigDocument {

    private ConfigDocument() {
    }

    /** The tree of a YAML document (parsed safely: plain data only). */
    public static Object treeOfYaml(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(400_000);
        try {
            return normalize(new Yaml(new TextTimestamps(options)).load(yaml));
        } catch (YAMLException e) {
            throw new TenantConfigException("(body)", "(document)",
                    "not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The tree of a JSON document. */
    public static Object treeOfJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return fromJson(reader.readValue());
        } catch (JsonParsingException e) {
            throw new TenantConfigException("(body)", "(document)", "not valid JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            throw new TenantConfigException("(body)", "(document)", "not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Keeps timestamps and dates as the text written ({@code 2027-03-10}, {@code 2026-11-01T00:00:00+08:00}):
     * the reader and the plugins parse text as well as dates, and a date-only value must not
     * turn into a midnight time in another zone.
     */
    private static final class TextTimestamps extends SafeConstructor {
        TextTimestamps(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }

    /** YAML text of a tree, in block style, keys in the tree's order. */
    public static String yamlOf(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setAllowUnicode(true);
        options.setWidth(120);
        return new Yaml(new Representer(options), options).dump(tree);
    }

    public static JsonValue jsonOf(Object tree) {
        if (tree == null) {
            return JsonValue.NULL;
        }
        if (tree instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            m.forEach((k, v) -> b.add(String.valueOf(k), jsonOf(v)));
            return b.build();
        }
        if (tree instanceof List<?> l) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            l.forEach(v -> b.add(jsonOf(v)));
            return b.build();
        }
        if (tree instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (tree instanceof Integer i) {
            return Json.createValue(i);
        }
        if (tree instanceof Long l) {
            return Json.createValue(l);
        }
        if (tree instanceof java.math.BigInteger bi) {
            return Json.createValue(bi);
        }
        if (tree instanceof Number n) {
            return Json.createValue(new BigDecimal(n.toString()));
        }
        return Json.createValue(tree.toString());
    }

    public static String jsonText(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var w = Json.createWriter(out)) {
            w.write(value);
        }
        return out.toString();
    }

    private static Object fromJson(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                ((JsonObject) v).forEach((k, x) -> m.put(k, fromJson(x)));
                yield m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                ((JsonArray) v).forEach(x -> l.add(fromJson(x)));
                yield l;
            }
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) v;
                if (n.isIntegral()) {
                    BigDecimal d = n.bigDecimalValue();
                    try {
                        yield d.intValueExact();
                    } catch (ArithmeticException e) {
                        try {
                            yield d.longValueExact();
                        } catch (ArithmeticException e2) {
                            yield d.toBigIntegerExact();
                        }
                    }
                }
                yield n.doubleValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** Dates become ISO text with offset (+08:00, as the reader shows them); maps keep their order. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Date d) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.toInstant().atOffset(ZoneOffset.ofHours(8)));
        }
        return value;
    }
}
