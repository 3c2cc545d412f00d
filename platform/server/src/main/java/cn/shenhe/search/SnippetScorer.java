package cn.shenhe.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage, the same defaults and the same arithmetic, so the same
 * snippets win), without its per-passage {@code BytesRefHash}: that hash allocates a 32 KB block for every
 * candidate passage the highlighter scores, an eighth of everything a search allocated (JFR, 1 M
 * registrations). A passage's distinct terms are among the query's few, so a linear scan finds them.
 */
final class SnippetScorer extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
        // distinct terms in the order of their first match (Lucene's hash numbers them that way), and their counts
        int[] first = new int[matches];
        int[] inPassage = new int[matches];
        int distinct = 0;
        for (int i = 0; i < matches; i++) {
            int t = 0;
            while (t < distinct && !terms[first[t]].bytesEquals(terms[i])) {
                t++;
            }
            if (t == distinct) {
                first[distinct++] = i;
            }
            inPassage[t]++;
        }
        double score = 0;
        for (int t = 0; t < distinct; t++) {
            score += tf(inPassage[t], passage.getLength()) * weight(contentLength, freqsInDoc[first[t]]);
        }
        return (float) (score * norm(passage.getStartOffset()));
    }
}
