package cn.shenhe.search;

import cn.shenhe.problem.InvalidField;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller asks for: free text (name fragments, ID-number or phone endings, registration
 * ids, comment words), filters, order and page. {@code siteLimit} is not the caller's choice: it
 * is the one site a site reviewer may see, set from the token.
 */
public record SearchRequest(String q, Optional<String> status, Optional<String> site, Optional<String> category,
                            boolean openCommentsOnly, Sort sort, int offset, int limit, Optional<String> siteLimit) {

    public static final int MAX_LIMIT = 100;
    /** Deepest hit that can be paged to: offset + limit. */
    public static final int MAX_WINDOW = 10_000;

    public enum Sort {
        /** Best match first (see {@link QueryTranslator} for the weights), then most recently changed. */
        RELEVANCE,
        /** Most recently changed first. */
        DATE
    }

    public SearchRequest {
        q = q == null ? "" : q.strip();
        offset = Math.max(0, offset);
        limit = Math.clamp(limit, 1, MAX_LIMIT);
    }

    public static SearchRequest of(String q) {
        return new SearchRequest(q, Optional.empty(), Optional.empty(), Optional.empty(), false, Sort.RELEVANCE, 0, 20,
                Optional.empty());
    }

    /** From query parameters, refusing what makes no sense (422 problems). */
    public static SearchRequest fromParameters(String q, String status, String site, String category, boolean openComments,
                                               String sort, int offset, int limit, Optional<String> siteLimit) {
        if (q != null && q.length() > 200) {
            throw InvalidField.TOO_LONG.refuse("q", 200);
        }
        Sort order = switch (sort == null ? "relevance" : sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> Sort.RELEVANCE;
            case "date" -> Sort.DATE;
            default -> throw InvalidField.NOT_ONE_OF.refuse("sort", "relevance, date", sort);
        };
        if (offset < 0 || offset + Math.clamp(limit, 1, MAX_LIMIT) > MAX_WINDOW) {
            throw InvalidField.PAGE_WINDOW.refuse("offset", MAX_WINDOW);
        }
        return new SearchRequest(q, present(status == null ? null : status.toUpperCase(Locale.ROOT)), present(site),
                present(category), openComments, order, offset, limit, siteLimit);
    }

    private static Optional<String> present(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
