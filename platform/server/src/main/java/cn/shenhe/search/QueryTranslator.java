package cn.shenhe.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns the search box into a Lucene query. Every whitespace-separated word must match
 * somewhere; a word matches any of:
 * <ul>
 * <li>a registration id (exact), weight 20;</li>
 * <li>an ID number: the whole 18 characters (exact), weight 20, or its last 4-6 characters, weight 8;</li>
 * <li>a phone number (exact, 11 digits), weight 20, or its last 4 digits, weight 4;</li>
 * <li>a fragment of the candidate's name (all its character bigrams), weight 5;</li>
 * <li>comment text, weight 1 however often or in how many comments: a word of two characters or
 * more by all its character bigrams (see {@link SearchAnalyzers}; for the two-to-four-character words
 * reviewers type, practically the word as written; no positions are checked, which keeps counting
 * the hits as cheap as a conjunction of terms), a single character where smartcn made it a word of its own.</li>
 * </ul>
 * The index scores with {@link org.apache.lucene.search.similarities.BooleanSimilarity}: a hit's
 * score is the sum of the weights of what it matched, independent of term statistics. Ranking
 * is then explainable ("an exact ID beats a name beats a comment word"), and a rebuilt index,
 * which has no deleted documents, ranks exactly as the incrementally kept one.
 */
public final class QueryTranslator {

    static final float EXACT = 20f;
    static final float ID_SUFFIX = 8f;
    static final float NAME = 5f;
    static final float PHONE_SUFFIX = 4f;
    static final float COMMENT = 1f;

    private static final Pattern FULL_ID_NUMBER = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern ID_ENDING = Pattern.compile("[0-9]{3,5}[0-9X]");
    private static final Pattern PHONE = Pattern.compile("1[0-9]{10}");
    private static final Pattern PHONE_ENDING = Pattern.compile("[0-9]{4}");
    private static final Pattern REGISTRATION_ID = Pattern.compile("[0-9a-hjkmnp-tv-z]{26}");

    private static final QueryBuilder SMARTCN = new QueryBuilder(SearchAnalyzers.chinese());
    private static final QueryBuilder COMMENT_GRAMS = new QueryBuilder(SearchAnalyzers.commentGrams());

    private QueryTranslator() {
    }

    /** The text part of a search; all documents when the text is empty (filters alone). */
    public static Query text(String q) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : q.strip().split("\\s+")) {
            all.add(word(word), Occur.MUST);
        }
        return all.build();
    }

    static Query word(String word) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        String lower = word.toLowerCase(Locale.ROOT);
        String upper = word.toUpperCase(Locale.ROOT);
        if (REGISTRATION_ID.matcher(lower).matches()) {
            any.add(boosted(new TermQuery(new Term(SearchFields.ID, lower)), EXACT), Occur.SHOULD);
        }
        if (FULL_ID_NUMBER.matcher(upper).matches()) {
            any.add(boosted(new TermQuery(new Term(SearchFields.ID_NUMBER, IdNumberDigest.of(upper))), EXACT), Occur.SHOULD);
        }
        if (ID_ENDING.matcher(upper).matches()) {
            any.add(boosted(new TermQuery(new Term(SearchFields.ID_SUFFIX, upper)), ID_SUFFIX), Occur.SHOULD);
        }
        if (PHONE.matcher(word).matches()) {
            any.add(boosted(new TermQuery(new Term(SearchFields.PHONE, word)), EXACT), Occur.SHOULD);
        }
        if (PHONE_ENDING.matcher(word).matches()) {
            any.add(boosted(new TermQuery(new Term(SearchFields.PHONE_SUFFIX, word)), PHONE_SUFFIX), Occur.SHOULD);
        }
        Query name = name(word);
        if (name != null) {
            any.add(boosted(name, NAME), Occur.SHOULD);
        }
        Query comment = comment(word);
        if (comment != null) {
            // constant: every comment hit scores the same, so a relevance page stops early (SegmentCutoff)
            any.add(boosted(new ConstantScoreQuery(comment), COMMENT), Occur.SHOULD);
        }
        return any.build();
    }

    /** Comments that contain the word; null for a word that has nothing to look for. */
    static Query comment(String word) {
        return word.codePointCount(0, word.length()) > 1
                ? COMMENT_GRAMS.createBooleanQuery(SearchFields.COMMENT_GRAMS, word, Occur.MUST)
                : SMARTCN.createBooleanQuery(SearchFields.COMMENT, word, Occur.MUST);
    }

    /** All the fragment's name grams (see {@link SearchAnalyzers}); null for a fragment of digits or punctuation only. */
    static Query name(String fragment) {
        if (fragment.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        List<String> grams = SearchAnalyzers.nameQueryGrams(fragment);
        if (grams.size() == 1) {
            return new TermQuery(new Term(SearchFields.NAME_GRAMS, grams.getFirst()));
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String g : grams) {
            all.add(new TermQuery(new Term(SearchFields.NAME_GRAMS, g)), Occur.MUST);
        }
        return all.build();
    }

    /** Filters: exact terms that restrict the hits without changing their scores. */
    public static Query filtered(Query text, SearchRequest r) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST);
        r.siteLimit().ifPresent(site -> b.add(new TermQuery(new Term(SearchFields.SITE, site)), Occur.FILTER));
        r.status().ifPresent(s -> b.add(new TermQuery(new Term(SearchFields.STATUS, s)), Occur.FILTER));
        r.site().ifPresent(s -> b.add(new TermQuery(new Term(SearchFields.SITE, s)), Occur.FILTER));
        r.category().ifPresent(c -> b.add(new TermQuery(new Term(SearchFields.CATEGORY, c)), Occur.FILTER));
        if (r.openCommentsOnly()) {
            b.add(new TermQuery(new Term(SearchFields.OPEN_COMMENTS, "true")), Occur.FILTER);
        }
        return b.build();
    }

    private static Query boosted(Query q, float weight) {
        return new BoostQuery(q, weight);
    }
}
