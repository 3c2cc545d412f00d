package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a search that skips (early termination by date, {@link SegmentCutoff} by relevance)
 * is exactly the page of a search that visits every hit: over several segments, with updates
 * (deletions), many equal scores and equal dates, on every page.
 */
class SegmentCutoffTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pagesEqualThoseOfAFullCollection() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        String surnames = "王李张刘陈";
        String given = "伟芳明英华";
        List<String> reasons = List.of("身份证照片模糊", "照片不清晰,请重新上传", "缺少盖章", "学历证书照片模糊");
        // Four indexes searched together (as national search does): at least four segments, whatever merges do.
        List<DistrictIndex> indexes = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            indexes.add(new DistrictIndex("bj", dir.resolve("part" + k)));
        }
        try {
            for (int i = 0; i < 3000; i++) {
                String name = "" + surnames.charAt(r.nextInt(5)) + given.charAt(r.nextInt(5)) + (r.nextBoolean() ? given.charAt(r.nextInt(5)) : "");
                List<SearchFields.Comment> comments = new ArrayList<>();
                for (int k = r.nextInt(3); k > 0; k--) {
                    comments.add(new SearchFields.Comment("c" + i + "-" + k, null, "id-card", "SITE", reasons.get(r.nextInt(reasons.size())),
                            "审核员", T, r.nextBoolean() ? T : null));
                }
                // few distinct dates: many ties, broken by id
                Instant updated = T.plusSeconds(60L * r.nextInt(200));
                int n = r.nextInt(2500); // some ids twice: an update, the first document deleted
                indexes.get(n % 4).upsert(new SearchFields.Registration("bj", String.format("r%05d", n), name, null, null, 2027,
                        "clinical-physician", r.nextBoolean() ? "bj-01" : "bj-02", r.nextBoolean() ? "FILLING" : "APPROVED", T,
                        updated, comments));
                if (i % 400 == 399) {
                    indexes.get(n % 4).refresh();
                }
            }
            for (DistrictIndex index : indexes) {
                index.refresh();
            }
            List<IndexSearcher> searchers = new ArrayList<>();
            for (DistrictIndex index : indexes) {
                searchers.add(index.acquire());
            }
            try (MultiReader all = new MultiReader(searchers.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new), false)) {
                IndexSearcher searcher = new IndexSearcher(all);
                searcher.setSimilarity(DistrictIndex.SIMILARITY);
                assertTrue(all.leaves().size() >= 4, "several segments");
                SearchService service = new SearchService();
                int compared = 0;
                for (String q : List.of("伟", "王", "王伟", "照片", "照片模糊", "伟 照片", "盖章", "明英", "照片 模糊", "身份证 照片")) {
                    for (SearchRequest.Sort order : SearchRequest.Sort.values()) {
                        for (int offset : new int[] {0, 20, 60}) {
                            SearchRequest request = new SearchRequest(q, Optional.empty(), Optional.empty(), Optional.empty(), false,
                                    order, offset, 20, Optional.empty());
                            List<String> page = service.search(indexes, request, List.of("status")).hits().stream()
                                    .map(SearchResult.Hit::registrationId).toList();
                            compared += page.size();
                            assertEquals(everyHit(searcher, q, order, offset), page, q + " " + order + " from " + offset);
                        }
                    }
                }
                assertTrue(compared > 700, "pages full enough to tell: " + compared);
            } finally {
                for (int k = 0; k < 4; k++) {
                    indexes.get(k).release(searchers.get(k));
                }
            }
        } finally {
            for (DistrictIndex index : indexes) {
                index.close();
            }
        }
    }

    /** The page as a collector that visits every hit ranks it. */
    private static List<String> everyHit(IndexSearcher searcher, String q, SearchRequest.Sort order, int offset) throws Exception {
        Query query = QueryTranslator.text(q);
        SortField[] newest = SearchFields.NEWEST_FIRST.getSort();
        Sort sort = order == SearchRequest.Sort.RELEVANCE ? new Sort(SortField.FIELD_SCORE, newest[0], newest[1]) : SearchFields.NEWEST_FIRST;
        TopDocs all = searcher.search(query, new TopFieldCollectorManager(sort, offset + 20, null, Integer.MAX_VALUE));
        var stored = searcher.storedFields();
        List<String> ids = new ArrayList<>();
        for (var d : Arrays.copyOfRange(all.scoreDocs, Math.min(offset, all.scoreDocs.length), all.scoreDocs.length)) {
            ids.add(stored.document(d.doc).get(SearchFields.ID));
        }
        return ids;
    }
}
