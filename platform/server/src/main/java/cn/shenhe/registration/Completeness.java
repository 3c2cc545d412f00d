package cn.shenhe.registration;

import cn.shenhe.plugin.api.MaterialType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "complete" means for one registration: the material types its district's plugins require of
 * it, each with its least number of pictures. A registration is complete (and waits for review) once
 * every one has that many; the candidate's page shows the same per type.
 */
public record Completeness(Map<String, Integer> minimums) {

    public Completeness {
        minimums = Map.copyOf(minimums);
    }

    public static Completeness of(Collection<MaterialType> required) {
        Map<String, Integer> minimums = new LinkedHashMap<>();
        required.forEach(t -> minimums.put(t.code(), t.minImages()));
        return new Completeness(minimums);
    }

    /** Enough pictures of one type ({@code count} of them). */
    public boolean metBy(String type, long count) {
        return count >= minimums.getOrDefault(type, 0);
    }

    public boolean metBy(List<MaterialImage> images) {
        return minimums.keySet().stream()
                .allMatch(type -> metBy(type, images.stream().filter(m -> m.materialType().equals(type)).count()));
    }
}
