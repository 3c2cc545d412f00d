package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index and its queries without a server: analyzers, query translation, facets, snippets, limits. */
class SearchIndexTest {

    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path dir;
    DistrictIndex index;
    final SearchService service = new SearchService();

    @BeforeEach
    void index() throws Exception {
        index = new DistrictIndex("bj", dir);
        index.upsert(reg("r1", "张伟", "110101199003071234", "13800001111", "bj-01", "FILLING", 1,
                comment("c1", "身份证照片模糊,请重新上传清晰的正反面", null)));
        index.upsert(reg("r2", "王秀英", "11010119851201567X", "13900002222", "bj-02", "SITE_PASSED", 2));
        index.upsert(reg("r3", "欧阳伟明", "110101200001010018", null, "bj-01", "FILLING", 3,
                comment("c2", "学历证书缺少毕业院校盖章", T.plusSeconds(60))));
        index.refresh();
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void nameFragmentsMatchWhateverSmartcnWouldDo() {
        assertEquals(List.of("r3", "r1"), ids(search("伟")));
        assertEquals(List.of("r1"), ids(search("张伟")));
        assertEquals(List.of("r2"), ids(search("秀英")));
        assertEquals(List.of("r3"), ids(search("阳伟明")));
        assertEquals(List.of(), ids(search("张明")), "not a substring of any name");
    }

    @Test
    void aCopiedIndexGivesNoWholeIdNumberAway() throws Exception {
        index.commit(java.time.Instant.now());
        byte[] files = new byte[0];
        try (var listing = java.nio.file.Files.list(dir)) {
            for (Path f : listing.toList()) {
                byte[] b = java.nio.file.Files.readAllBytes(f);
                byte[] all = java.util.Arrays.copyOf(files, files.length + b.length);
                System.arraycopy(b, 0, all, files.length, b.length);
                files = all;
            }
        }
        String raw = new String(files, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String id : new String[] {"110101199003071234", "11010119851201567X", "110101200001010018", "1101011990"}) {
            assertFalse(raw.contains(id), id + " readable in the index files");
        }
        assertEquals(List.of("r1"), ids(search("110101199003071234")));   // still found by the whole number
    }

    @Test
    void idNumbersMatchWholeOrByTheirEnding() {
        assertEquals(List.of("r1"), ids(search("110101199003071234")));
        assertEquals(List.of("r1"), ids(search("1234")));
        assertEquals(List.of(), ids(search("67x")), "too short: not an ending we index");
        assertEquals(List.of("r2"), ids(search("1567x")));
        assertEquals(List.of(), ids(search("201567X")), "7 characters: not an ending we index");
    }

    @Test
    void phoneEndingAndRegistrationId() {
        assertEquals(List.of("r2"), ids(search("2222")));
        assertEquals(List.of("r1"), ids(search("13800001111")));
    }

    @Test
    void commentWordsAreSegmentedAndHighlighted() {
        SearchResult r = search("照片模糊");
        assertEquals(List.of("r1"), ids(r));
        SearchResult.Snippet s = r.hits().getFirst().snippets().getFirst();
        assertEquals("comment", s.field());
        assertTrue(s.html().contains("<em>照片</em><em>模糊</em>") || s.html().contains("<em>照片模糊</em>"), s.html());
        assertEquals(List.of("r3"), ids(search("盖章")));
    }

    @Test
    void commentWordsMatchWhereverSmartcnPutItsBoundariesInTheComment() throws Exception {
        // smartcn reads "身份证已过期,…" as 身份证 / 已 / 过期 / … but the word 过期 on its own as 过 / 期
        index.upsert(reg("r4", "李明", null, null, "bj-02", "FILLING", 4, comment("c3", "身份证已过期,请上传有效期内的身份证", null)));
        index.refresh();
        assertEquals(List.of("r4"), ids(search("身份证 过期")));
        assertEquals(List.of("r4"), ids(search("过期 身份证")), "in any order");
        assertEquals(List.of("r4"), ids(search("有效期")));
        assertEquals(List.of("r4"), ids(search("已过期")));
        assertEquals(List.of(), ids(search("过期 盖章")), "every word must match");
        SearchResult.Snippet s = search("身份证 过期").hits().getFirst().snippets().getFirst();
        assertEquals("comment", s.field());
        assertTrue(s.html().contains("<em>过期</em>") && s.html().contains("<em>身份证</em>"), s.html());
        SearchResult one = search("已");
        assertEquals(List.of("r4"), ids(one), "one character: where smartcn made it a word");
        assertTrue(one.hits().getFirst().snippets().getFirst().html().contains("<em>已</em>"), one.hits().getFirst().snippets().toString());
    }

    @Test
    void aCommentWordIsNotPiecedTogetherFromTwoComments() throws Exception {
        index.upsert(reg("r4", "李明", null, null, "bj-02", "FILLING", 4,
                comment("c3", "请上传身份", null), comment("c4", "证明材料", null)));
        index.refresh();
        assertEquals(List.of("r4"), ids(search("证明材料")));
        assertEquals(List.of(), ids(search("身份证明")), "the end of one comment and the start of the next");
    }

    @Test
    void aCommentMatchWeighsOneHoweverManyWordsOrCommentsItHas() throws Exception {
        index.upsert(reg("r4", "李明", null, null, "bj-02", "FILLING", 4,
                comment("c3", "请重新上传", null), comment("c4", "重新上传后再提交", null)));
        index.refresh();
        SearchResult r = search("重新上传");
        assertEquals(List.of("r4", "r1"), ids(r), "equal scores: the most recently changed first");
        assertEquals(List.of(1f, 1f), r.hits().stream().map(SearchResult.Hit::score).toList());
        assertEquals(List.of(6f), search("重新上传 李明").hits().stream().map(SearchResult.Hit::score).toList(),
                "a comment word (1) and a name (5)");
    }

    @Test
    void filtersFacetsAndTheSiteLimit() {
        SearchResult all = service.search(List.of(index), SearchRequest.of(""), List.of("status", "site", "category"));
        assertEquals(3, all.total());
        assertEquals(Map.of("FILLING", 2L, "SITE_PASSED", 1L), all.facets().get("status"));
        SearchResult siteLimited = service.search(List.of(index),
                new SearchRequest("伟", Optional.empty(), Optional.empty(), Optional.empty(), false, SearchRequest.Sort.RELEVANCE,
                        0, 20, Optional.of("bj-02")), List.of("status", "site"));
        assertEquals(0, siteLimited.total());
        assertEquals(Map.of(), siteLimited.facets().get("site"), "nothing counted outside the caller's site");
        SearchResult open = service.search(List.of(index),
                new SearchRequest("", Optional.empty(), Optional.empty(), Optional.empty(), true, SearchRequest.Sort.DATE,
                        0, 20, Optional.empty()), List.of("status"));
        assertEquals(List.of("r1"), ids(open), "r3's only comment is resolved");
    }

    @Test
    void totalsAndFacetsCountOnlyTheCurrentDocuments() throws Exception {
        // An update is a deletion plus a new document (here in a new segment): only the new one counts.
        index.upsert(reg("r1", "张伟", "110101199003071234", "13800001111", "bj-01", "SITE_PASSED", 5));
        index.refresh();
        SearchResult all = service.search(List.of(index), SearchRequest.of(""), List.of("status", "site"));
        assertEquals(3, all.total());
        assertEquals(Map.of("SITE_PASSED", 2L, "FILLING", 1L), all.facets().get("status"));
        assertEquals(List.of("SITE_PASSED", "FILLING"), List.copyOf(all.facets().get("status").keySet()), "largest count first");
        index.delete("r2");
        index.refresh();
        SearchResult after = service.search(List.of(index), SearchRequest.of("伟"), List.of("status", "site"));
        assertEquals(2, after.total());
        assertEquals(Map.of("SITE_PASSED", 1L, "FILLING", 1L), after.facets().get("status"));
        assertEquals(Map.of("bj-01", 2L), after.facets().get("site"));
        assertEquals(List.of("r1", "r3"), ids(after), "equal scores: the most recently changed first");
    }

    @Test
    void aSearchSeesEveryChangeAppliedBeforeItWithoutAnExplicitRefresh() throws Exception {
        // Updates no longer refresh the reader each round: the searcher acquired next does.
        index.upsert(reg("r4", "李明", null, null, "bj-01", "FILLING", 4));
        assertTrue(index.stale());
        assertEquals(List.of("r4"), ids(search("李明")));
        assertEquals(false, index.stale());
        index.delete("r4");
        assertEquals(List.of(), ids(search("李明")));
        assertEquals(3, index.numDocs());
    }

    @Test
    void acrossDistrictsFacetsCountEachDistrictsOwn(@TempDir Path other) throws Exception {
        try (DistrictIndex sh = new DistrictIndex("sh", other)) {
            sh.upsert(new SearchFields.Registration("sh", "s1", "张伟", null, null, 2027, "clinical-physician", "sh-01",
                    "FILLING", T, T, List.of()));
            sh.refresh();
            SearchResult r = service.search(List.of(index, sh), SearchRequest.of("伟"), SearchService.NATIONAL_FACETS);
            assertEquals(3, r.total());
            assertEquals(Map.of("bj", 2L, "sh", 1L), r.facets().get("district"));
            assertEquals(Map.of("bj-01", 2L, "sh-01", 1L), r.facets().get("site"));
            SearchResult bjOnly = service.search(List.of(index), SearchRequest.of("伟"), SearchService.NATIONAL_FACETS);
            assertEquals(Map.of("bj", 2L), bjOnly.facets().get("district"), "a district's search counts nothing of another");
        }
    }

    @Test
    void scoresAreWeightsSoExactBeatsNameBeatsComment() throws Exception {
        index.upsert(reg("r4", "李明", null, null, "bj-01", "FILLING", 4, comment("c3", "请补充张伟的执业证明", null)));
        index.refresh();
        SearchResult r = search("张伟");
        assertEquals(List.of("r1", "r4"), ids(r), "the name first, the comment mention second");
        assertTrue(r.hits().get(0).score() > r.hits().get(1).score());
    }

    @Test
    void everyWordMustMatch() {
        assertEquals(List.of("r1"), ids(search("伟 1234")));
        assertEquals(List.of(), ids(search("伟 2222")));
    }

    @Test
    void anIndexOfAnotherLayoutIsRecreatedEmptyOnOpen(@TempDir Path other) throws Exception {
        try (DistrictIndex fresh = new DistrictIndex("bj", other)) {
            assertTrue(!fresh.isCurrent(), "new: to be built");
            fresh.upsert(reg("r9", "李明", null, null, "bj-01", "FILLING", 1));
            fresh.commit(T);
        }
        try (DistrictIndex reopened = new DistrictIndex("bj", other)) {
            assertTrue(reopened.isCurrent());
            assertEquals(1, reopened.numDocs());
            assertEquals(Optional.of(T), reopened.indexedThrough());
        }
        try (var dir = org.apache.lucene.store.FSDirectory.open(other);
             var writer = new org.apache.lucene.index.IndexWriter(dir, new org.apache.lucene.index.IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of(DistrictIndex.SCHEMA, "0").entrySet()); // as an older version would have
            writer.commit();
        }
        try (DistrictIndex old = new DistrictIndex("bj", other)) {
            assertTrue(!old.isCurrent(), "an older layout: rebuilt from the database");
            assertEquals(0, old.numDocs());
        }
    }

    @Test
    void aRestartResumesFromTheLogPositionOfTheLastCommit(@TempDir Path other) throws Exception {
        try (DistrictIndex idx = new DistrictIndex("bj", other)) {
            assertTrue(idx.logPosition().isEmpty(), "new: no position");
            idx.upsert(reg("r9", "李明", null, null, "bj-01", "FILLING", 1));
            idx.moveLogPosition(1234);
            idx.moveLogPosition(1000);   // never back
            idx.commit(T);
            assertEquals(OptionalLong.of(1234), idx.committedLogPosition());
            idx.moveLogPosition(2000);   // applied, not committed (a crash now)
            assertTrue(idx.positionUnsavedFor(java.time.Duration.ZERO));
        }
        try (DistrictIndex reopened = new DistrictIndex("bj", other)) {
            assertEquals(OptionalLong.of(1234), reopened.logPosition());
            assertEquals(1, reopened.numDocs());
        }
    }

    @Test
    void queryGrams() {
        assertEquals(List.of("伟"), SearchAnalyzers.nameQueryGrams("伟"));
        assertEquals(List.of("欧阳", "阳伟"), SearchAnalyzers.nameQueryGrams("欧阳伟"));
        assertEquals(null, QueryTranslator.name("1234"));
    }

    private SearchResult search(String q) {
        return service.search(List.of(index), SearchRequest.of(q), List.of("status"));
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(SearchResult.Hit::registrationId).toList();
    }

    private static SearchFields.Comment comment(String id, String body, Instant resolved) {
        return new SearchFields.Comment(id, null, "id-card", "SITE", body, "审核员甲", T, resolved);
    }

    private static SearchFields.Registration reg(String id, String name, String idNumber, String phone, String site, String status,
                                                 int minutes, SearchFields.Comment... comments) {
        return new SearchFields.Registration("bj", id, name, idNumber, phone, 2027, "clinical-physician", site, status,
                T, T.plusSeconds(60L * minutes), List.of(comments));
    }
}
