package cn.shenhe.district;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field-level difference between two configuration trees, readable by a district
 * administrator: {@code plugins[standard-materials].settings.types.diploma.max: 2 → 1}.
 * List items that carry a {@code code} or an {@code id} (sites, plugins, slots) are matched by
 * it, so removing the first site reads as that site removed, not as every site changed.
 */
public final class ConfigDiff {

    /** One changed field; {@code before} or {@code after} is {@code null} when the field was added or removed. */
    public record Change(String path, Object before, Object after) {
    }

    private ConfigDiff() {
    }

    public static List<Change> between(Object before, Object after) {
        List<Change> changes = new ArrayList<>();
        diff("", before, after, changes);
        return changes;
    }

    /** A one-line summary: how many fields changed, and the first few paths. */
    public static String summary(List<Change> changes) {
        if (changes.isEmpty()) {
            return "no change";
        }
        String paths = changes.stream().limit(5).map(Change::path).collect(Collectors.joining(", "));
        return changes.size() + (changes.size() == 1 ? " change: " : " changes: ") + paths
                + (changes.size() > 5 ? ", ..." : "");
    }

    private static void diff(String path, Object a, Object b, List<Change> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                diff(join(path, String.valueOf(k)), ma.get(k), mb.get(k), out);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            String key = identityKey(la, lb);
            if (key != null) {
                Map<Object, Object> ia = index(la, key);
                Map<Object, Object> ib = index(lb, key);
                Set<Object> ids = new LinkedHashSet<>(ia.keySet());
                ids.addAll(ib.keySet());
                for (Object id : ids) {
                    diff(path + "[" + id + "]", ia.get(id), ib.get(id), out);
                }
                if (ia.keySet().equals(ib.keySet()) && !List.copyOf(ia.keySet()).equals(List.copyOf(ib.keySet()))) {
                    out.add(new Change(path + " (order)", List.copyOf(ia.keySet()), List.copyOf(ib.keySet())));
                }
                return;
            }
            int n = Math.max(la.size(), lb.size());
            for (int i = 0; i < n; i++) {
                diff(path + "[" + i + "]", i < la.size() ? la.get(i) : null, i < lb.size() ? lb.get(i) : null, out);
            }
            return;
        }
        out.add(new Change(path.isEmpty() ? "(document)" : path, a, b));
    }

    /** {@code code} or {@code id}, if every item of both lists is a map with a distinct one. */
    private static String identityKey(List<?> a, List<?> b) {
        for (String key : List.of("code", "id")) {
            if (identifiedBy(a, key) && identifiedBy(b, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean identifiedBy(List<?> list, String key) {
        Set<Object> seen = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m) || m.get(key) == null || m.get(key) instanceof Map
                    || m.get(key) instanceof List || !seen.add(m.get(key))) {
                return false;
            }
        }
        return true;
    }

    private static Map<Object, Object> index(List<?> list, String key) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        for (Object item : list) {
            out.put(((Map<?, ?>) item).get(key), item);
        }
        return out;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
