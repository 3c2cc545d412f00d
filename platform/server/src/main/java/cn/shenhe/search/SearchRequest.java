package cn.shenhe.search;

import java.util.Optional;

/**
 * What a caller asks for: free text (name fragments, ID-number or phone endings, registration
 * ids, comment words), filters, order and page. {@code siteLimit} is not the caller's choice: it
 * is the one site a site reviewer may see, set from the token.
 */
public record SearchRequest(String q, Optional<String> status, Optional<String> site, Optional<String> category,
                            boolean openCommentsOnly, Sort sort, int offset, int limit, Optional<String> siteLimit) {

    public static final int MAX_LIMIT = 100;

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
}
