package cn.shenhe.search;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A page of hits, with the total and the facet counts over every hit (not just the page). Only
 * built from what the caller may see: the query was restricted before anything was counted.
 * {@code stageMicros} (what each step of the search took) is not part of the JSON: it goes out as
 * the response's {@code Server-Timing} header, for browsers' developer tools and the benchmark.
 */
public record SearchResult(long total, Map<String, Map<String, Long>> facets, List<Hit> hits, long tookMicros,
                           @JsonbTransient Map<String, Long> stageMicros) {

    /** One registration; {@code score} is null when sorted by date. */
    public record Hit(String district, String registrationId, String candidateName, String site, String status,
                      String category, Float score, Instant updatedAt, List<Snippet> snippets, String url) {
    }

    /** A highlighted passage: matched words in {@code <em>}, the rest HTML-escaped. */
    public record Snippet(String field, String html) {
    }

    /** 200 with the result, and its stages as {@code Server-Timing: count;dur=1.234, top;dur=0.321, ...} (milliseconds). */
    public static Response ok(SearchResult r) {
        return Response.ok(r).header("Server-Timing", timing(r)).build();
    }

    /**
     * As {@link #ok(SearchResult)}, plus {@code audited}: the search and its audit event's commit together (they run
     * side by side; the answer waits for both), so a reader tells the audit's share from the transport's.
     */
    public static Response ok(SearchResult r, long auditedMicros) {
        return Response.ok(r).header("Server-Timing", timing(r) + ", audited;dur=" + auditedMicros / 1000.0).build();
    }

    private static String timing(SearchResult r) {
        String stages = r.stageMicros().entrySet().stream()
                .map(e -> e.getKey() + ";dur=" + e.getValue() / 1000.0)
                .collect(Collectors.joining(", "));
        return stages + (stages.isEmpty() ? "" : ", ") + "search;dur=" + r.tookMicros() / 1000.0;
    }
}
