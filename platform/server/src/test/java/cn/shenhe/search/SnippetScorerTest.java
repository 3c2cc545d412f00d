package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The lean scorer gives exactly Lucene's score, so the same passages become the snippets. */
class SnippetScorerTest {

    @Test
    void scoresEveryPassageExactlyAsLucene() {
        PassageScorer lucene = new PassageScorer();
        PassageScorer lean = new SnippetScorer();
        String[] words = {"照片", "模糊", "身份证", "过期", "盖章", "ab"};
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n < 5_000; n++) {
            Passage p = new Passage();
            int start = r.nextInt(2_000);
            p.setStartOffset(start);
            p.setEndOffset(start + 300);   // matches lie inside the passage
            int at = start;
            int matches = r.nextInt(12);   // none, one, and repeated terms in any order
            for (int m = 0; m < matches; m++) {
                String w = words[r.nextInt(words.length)];
                at += r.nextInt(1, 20);   // ≤ 11 × 19 + 3 < 300
                // a fresh BytesRef per match: equal terms are compared by their bytes, not their identity
                p.addMatch(at, at + w.length(), new BytesRef(w), 1 + Math.abs(w.hashCode() % 7));
            }
            int contentLength = p.getEndOffset() + r.nextInt(5_000);
            assertEquals(Float.floatToIntBits(lucene.score(p, contentLength)),
                    Float.floatToIntBits(lean.score(p, contentLength)), p::toString);
        }
    }
}
