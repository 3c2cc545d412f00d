package cn.shenhe.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;

/**
 * The page's window by relevance — score, then {@link SearchFields#NEWEST_FIRST} — without visiting
 * every hit. Inside a segment the documents are already in newest-first order (the index sort), so
 * once {@code window} documents scoring at least {@code s} have been seen in a segment, no later
 * document of that segment scoring {@code s} or less can make the window: that many rank above
 * it (a higher score, or the same score and newer). The scorer is then told that only scores above
 * {@code s} still compete, and skips the rest (block-max WAND). Scores are sums of a few clause
 * weights ({@link QueryTranslator}), so there are few distinct ones: a comment-word search (every
 * hit scores 1) stops after {@code window} documents per segment instead of a hundred thousand.
 * Once only scores above the best any document of the segment can have still compete, the segment
 * is done: a conjunction of constant-score clauses (comment words, several of them) cannot skip on
 * its own, having no block maxima. The result is exactly what a full {@link TopFieldCollector} would give.
 */
final class SegmentCutoff implements CollectorManager<SegmentCutoff.Cutoff, TopFieldDocs> {

    private final TopFieldCollectorManager top;
    private final int window;
    private final IndexSearcher searcher;
    private final Query query;

    /** {@code searcher} and {@code query}: what is searched, for the best score each segment can give. */
    SegmentCutoff(TopFieldCollectorManager top, int window, IndexSearcher searcher, Query query) {
        this.top = top;
        this.window = window;
        this.searcher = searcher;
        this.query = query;
    }

    @Override
    public Cutoff newCollector() throws IOException {
        return new Cutoff(top.newCollector(), window, searcher, query);
    }

    @Override
    public TopFieldDocs reduce(Collection<Cutoff> collectors) throws IOException {
        List<TopFieldCollector> inner = collectors.stream().map(c -> c.top).toList();
        return top.reduce(inner);
    }

    static final class Cutoff implements Collector {
        private final TopFieldCollector top;
        private final int window;
        private final IndexSearcher searcher;
        private final Query query;
        private Weight weight;   // made when first needed: most searches never fill a window

        Cutoff(TopFieldCollector top, int window, IndexSearcher searcher, Query query) {
            this.top = top;
            this.window = window;
            this.searcher = searcher;
            this.query = query;
        }

        /** The best score a document of the segment can have; none when nothing matches there. */
        private float bestPossible(LeafReaderContext context) throws IOException {
            if (weight == null) {
                weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.TOP_SCORES, 1f);
            }
            ScorerSupplier supplier = weight.scorerSupplier(context);
            if (supplier == null) {
                return Float.NEGATIVE_INFINITY;
            }
            Scorer scorer = supplier.get(Long.MAX_VALUE);
            scorer.advanceShallow(0);
            return scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
        }

        @Override
        public ScoreMode scoreMode() {
            return top.scoreMode();
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            LeafCollector in = top.getLeafCollector(context);
            return new LeafCollector() {
                private Scorable scorer;
                private float bestPossible = Float.NaN;   // not asked yet
                private float ours;    // what this segment's order rules out
                private float theirs;  // what the collector's queue rules out
                // the distinct scores seen in this segment so far, and how many documents had each
                private float[] scores = new float[8];
                private int[] counts = new int[8];
                private int distinct;

                @Override
                public void setScorer(Scorable s) throws IOException {
                    scorer = s;
                    // the higher of the two floors wins; a floor never goes down
                    in.setScorer(new Scorable() {
                        @Override
                        public float score() throws IOException {
                            return s.score();
                        }

                        @Override
                        public void setMinCompetitiveScore(float min) throws IOException {
                            theirs = Math.max(theirs, min);
                            floor();
                        }
                    });
                }

                @Override
                public void collect(int doc) throws IOException {
                    in.collect(doc);
                    float score = scorer.score();
                    int i = 0;
                    while (i < distinct && scores[i] != score) {
                        i++;
                    }
                    if (i == distinct) {
                        if (distinct == scores.length) {
                            scores = java.util.Arrays.copyOf(scores, distinct * 2);
                            counts = java.util.Arrays.copyOf(counts, distinct * 2);
                        }
                        scores[distinct] = score;
                        distinct++;
                    }
                    counts[i]++;
                    raiseFloor();
                }

                /** The highest s with at least window documents scoring s or more: only scores above it still compete. */
                private void raiseFloor() throws IOException {
                    float best = -1;
                    for (int i = 0; i < distinct; i++) {
                        if (scores[i] <= best) {
                            continue;
                        }
                        int atLeast = 0;
                        for (int j = 0; j < distinct; j++) {
                            if (scores[j] >= scores[i]) {
                                atLeast += counts[j];
                            }
                        }
                        if (atLeast >= window) {
                            best = scores[i];
                        }
                    }
                    if (best >= 0 && Math.nextUp(best) > ours) {
                        ours = Math.nextUp(best);
                        floor();
                    }
                }

                /** Tells the scorer what still competes; ends the segment when nothing in it can. */
                private void floor() throws IOException {
                    float min = Math.max(ours, theirs);
                    if (Float.isNaN(bestPossible)) {
                        bestPossible = bestPossible(context);
                    }
                    if (min > bestPossible) {
                        throw new CollectionTerminatedException();
                    }
                    scorer.setMinCompetitiveScore(min);
                }

                @Override
                public DocIdSetIterator competitiveIterator() throws IOException {
                    return in.competitiveIterator();
                }

                @Override
                public void finish() throws IOException {
                    in.finish();
                }
            };
        }
    }
}
