package cn.shenhe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;

/**
 * The analyzers of the search index, one per kind of field.
 *
 * <p>Comment text goes through smartcn (SmartChineseAnalyzer: a hidden-Markov-model word
 * segmenter with a dictionary), which turns "身份证照片模糊" into 身份证 / 照片 / 模糊, so a
 * reviewer's words find the comments that use them.
 *
 * <p>Candidate names do NOT: a personal name is not dictionary text, and smartcn segments it
 * unpredictably (张伟 may stay one word while 王秀英 becomes 王 / 秀英, and a lone given-name
 * character may be glued to the next word), so a fragment such as "伟" or "秀英" would only
 * sometimes match. Names are instead indexed as every 1- and 2-character gram of the whole name
 * (张伟明 → 张, 伟, 明, 张伟, 伟明); a query fragment must then contain all of its bigrams (or its
 * single character), which is a substring match for the two-to-four-character names we have.
 *
 * <p>Comment text is indexed a second time as character bigrams ({@link SearchFields#COMMENT_GRAMS}):
 * smartcn's segmentation depends on the neighbouring text ("身份证已过期" → 身份证 / 已 / 过期, but 过期
 * on its own → 过 / 期), so a reviewer's word segmented alone often misses the same word inside a
 * comment. Its bigrams find it wherever it stands.
 */
public final class SearchAnalyzers {

    /** Loads smartcn's dictionaries once (they take a second and some megabytes). */
    private static final Analyzer CHINESE = new SmartChineseAnalyzer();
    private static final Analyzer NAME_GRAMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer whole = new KeywordTokenizer();
            TokenStream grams = new NGramTokenFilter(new LowerCaseFilter(whole), 1, 2, false);
            return new TokenStreamComponents(whole, grams);
        }
    };
    /** Every two adjacent letters or digits of each comment (none across two comments: each is analysed alone). */
    private static final Analyzer COMMENT_GRAMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer pairs = new NGramTokenizer(2, 2) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return Character.isLetterOrDigit(chr);
                }
            };
            return new TokenStreamComponents(pairs, new LowerCaseFilter(pairs));
        }
    };
    private static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
            Map.of(SearchFields.COMMENT, CHINESE, SearchFields.NAME_GRAMS, NAME_GRAMS, SearchFields.COMMENT_GRAMS, COMMENT_GRAMS));

    private SearchAnalyzers() {
    }

    /** Runs each analyzer once, so that smartcn's dictionaries are loaded before the first real text needs them. */
    static void warmUp() {
        for (String field : new String[] {SearchFields.COMMENT, SearchFields.NAME_GRAMS}) {
            try (TokenStream ts = INDEXING.tokenStream(field, "身份证照片模糊,请重新上传清晰的正反面")) {
                ts.reset();
                while (ts.incrementToken()) {
                    // only loading
                }
                ts.end();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Chinese word segmentation, for comment text. */
    public static Analyzer chinese() {
        return CHINESE;
    }

    /** Comment text as character bigrams, for query words of two characters or more. */
    public static Analyzer commentGrams() {
        return COMMENT_GRAMS;
    }

    /** The per-field analyzer of the index writer (and of the highlighter). */
    public static Analyzer indexing() {
        return INDEXING;
    }

    /**
     * The name grams a query fragment must all find, matching {@link #NAME_GRAMS}: the fragment's
     * single character, or each adjacent pair of its characters (by code point: some rare
     * surnames are outside the Basic Multilingual Plane).
     */
    public static List<String> nameQueryGrams(String fragment) {
        int[] cps = fragment.toLowerCase().codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
        List<String> grams = new ArrayList<>();
        if (cps.length == 1) {
            grams.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }
}
