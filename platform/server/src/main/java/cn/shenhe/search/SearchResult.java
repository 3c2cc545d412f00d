package cn.shenhe.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of hits, with the total and the facet counts over every hit (not just the page). Only
 * built from what the caller may see: the query was restricted before anything was counted.
 */
public record SearchResult(long total, Map<String, Map<String, Long>> facets, List<Hit> hits, long tookMicros) {

    /** One registration; {@code score} is null when sorted by date. */
    public record Hit(String district, String registrationId, String candidateName, String site, String status,
                      String category, Float score, Instant updatedAt, List<Snippet> snippets, String url) {
    }

    /** A highlighted passage: matched words in {@code <em>}, the rest HTML-escaped. */
    public record Snippet(String field, String html) {
    }
}
