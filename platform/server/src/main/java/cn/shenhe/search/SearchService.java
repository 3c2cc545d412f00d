package cn.shenhe.search;

import cn.shenhe.registration.RegistrationViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Runs a search over one district's index, or over several (national search: their current
 * readers joined in one {@link MultiReader}, so hits, totals and facets merge exactly). The caller's
 * limits are in the {@link SearchRequest}: the resources build it from the token, never from
 * parameters alone.
 */
@ApplicationScoped
public class SearchService {

    private static final List<String> FACETS = List.of(SearchFields.STATUS, SearchFields.SITE, SearchFields.CATEGORY);
    static final List<String> NATIONAL_FACETS = List.of(SearchFields.DISTRICT, SearchFields.STATUS,
            SearchFields.SITE, SearchFields.CATEGORY);
    /** Joins a field's passages (one per matching comment at most); split again into one snippet each. */
    private static final String PASSAGE_SEPARATOR = "\u2029";
    private static final String[] SNIPPET_FIELDS = {SearchFields.NAME_GRAMS, SearchFields.COMMENT};
    /** Where else a comment's matches are (the highlighter adds the comment field's own). */
    private static final Set<String> COMMENT_MATCHES = Set.of(SearchFields.COMMENT_GRAMS);
    /** Stateless: one for every search. */
    private static final SnippetScorer SCORER = new SnippetScorer();

    @Inject
    SearchIndexes indexes;

    /** Within one district. */
    public SearchResult search(String district, SearchRequest request) {
        return search(List.of(indexes.index(district)), request, FACETS);
    }

    /** Across the given districts (national administrators: all of them). */
    public SearchResult searchAcross(List<String> districts, SearchRequest request) {
        return search(districts.stream().map(indexes::index).toList(), request, NATIONAL_FACETS);
    }

    SearchResult search(List<DistrictIndex> targets, SearchRequest request, List<String> facetFields) {
        long t0 = System.nanoTime();
        List<IndexSearcher> acquired = new ArrayList<>(targets.size());
        try {
            for (DistrictIndex idx : targets) {
                acquired.add(idx.acquire());
            }
            if (acquired.size() == 1) {
                return run(acquired.getFirst(), request, facetFields, t0);
            }
            IndexReader[] readers = acquired.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new);
            // closeSubReaders=false: the MultiReader only borrows the districts' readers (it holds a reference while open).
            try (MultiReader all = new MultiReader(readers, false)) {
                IndexSearcher s = new IndexSearcher(all);
                s.setSimilarity(DistrictIndex.SIMILARITY);
                return run(s, request, facetFields, t0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (int i = 0; i < acquired.size(); i++) {
                try {
                    targets.get(i).release(acquired.get(i));
                } catch (IOException ignored) {
                    // releasing only decrements a reference count
                }
            }
        }
    }

    private SearchResult run(IndexSearcher searcher, SearchRequest request, List<String> facetFields, long t0) throws IOException {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t = System.nanoTime();
        Query text = QueryTranslator.text(request.q());
        Query query = QueryTranslator.filtered(text, request);
        t = stage(stages, "parse", t);
        boolean byScore = request.sort() == SearchRequest.Sort.RELEVANCE && !request.q().isEmpty();
        SortField[] newestFirst = SearchFields.NEWEST_FIRST.getSort();
        Sort sort = byScore ? new Sort(SortField.FIELD_SCORE, newestFirst[0], newestFirst[1]) : SearchFields.NEWEST_FIRST;
        int window = Math.min(SearchRequest.MAX_WINDOW, request.offset() + request.limit());
        // Two passes. First every hit, unscored, as bitsets: the exact total and the facet counts (see HitBits,
        // FacetCounts). Then only the page's window: the segments are in date order (the index sort), so a date
        // sort stops after the window in each segment (a total-hits threshold of the window lets Lucene do so),
        // and a relevance sort skips what can no longer make the window (SegmentCutoff).
        IndexReader reader = searcher.getIndexReader();
        FixedBitSet[] all = searcher.search(query, new HitBits(reader));
        long total = HitBits.cardinality(all);
        Map<String, Map<String, Long>> facets = FacetCounts.count(reader, all, facetFields);
        t = stage(stages, "count", t);
        TopFieldCollectorManager windowed = new TopFieldCollectorManager(sort, window, null, window);
        TopDocs top = total == 0 ? TopDocsCollector.EMPTY_TOPDOCS
                : byScore ? searcher.search(query, new SegmentCutoff(windowed, window, searcher, query))
                : searcher.search(query, windowed);
        t = stage(stages, "top", t);

        int from = Math.min(request.offset(), top.scoreDocs.length);
        ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, window));
        Map<String, String[]> snippets = page.length == 0 || request.q().isEmpty() ? Map.of() : highlight(searcher, text, page);
        t = stage(stages, "snippets", t);
        StoredFields stored = searcher.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Document d = stored.document(page[i].doc);
            List<SearchResult.Snippet> sn = new ArrayList<>();
            for (String f : SNIPPET_FIELDS) {
                String[] h = snippets.get(f);
                if (h != null && h[i] != null && h[i].contains("<em>")) {
                    for (String passage : h[i].split(PASSAGE_SEPARATOR)) {
                        if (passage.contains("<em>")) {
                            sn.add(new SearchResult.Snippet(SearchFields.NAME_GRAMS.equals(f) ? "candidateName" : f, passage));
                        }
                    }
                }
            }
            Float score = byScore ? (Float) ((FieldDoc) page[i]).fields[0] : null;
            String district = d.get(SearchFields.DISTRICT);
            String id = d.get(SearchFields.ID);
            hits.add(new SearchResult.Hit(district, id, d.get(SearchFields.NAME_GRAMS), d.get(SearchFields.SITE),
                    d.get(SearchFields.STATUS), d.get(SearchFields.CATEGORY), score,
                    Instant.ofEpochMilli(d.getField(SearchFields.UPDATED).storedValue().getLongValue()),
                    sn, RegistrationViews.url(district, id)));
        }
        stage(stages, "fields", t);
        return new SearchResult(total, facets, hits, (System.nanoTime() - t0) / 1000, stages);
    }

    /** Notes how long the stage that started at {@code since} took; returns now. */
    private static long stage(Map<String, Long> stages, String name, long since) {
        long now = System.nanoTime();
        stages.put(name, (now - since) / 1000);
        return now;
    }

    private static Map<String, String[]> highlight(IndexSearcher searcher, Query text, ScoreDoc[] page) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, SearchAnalyzers.indexing())
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", PASSAGE_SEPARATOR, true))
                .withScorer(SCORER)
                .withMaxLength(10_000)
                // a comment word's match is in the bigrams (see QueryTranslator): shown on the comment's text
                .withMaskedFieldsFunc(f -> SearchFields.COMMENT.equals(f) ? COMMENT_MATCHES : Set.of())
                .build();
        int[] docIds = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docIds[i] = page[i].doc;
        }
        int[] maxPassages = {1, 3};
        return highlighter.highlightFields(SNIPPET_FIELDS, text, docIds, maxPassages);
    }
}
