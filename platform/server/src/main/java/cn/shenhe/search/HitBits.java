package cn.shenhe.search;

import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.FixedBitSet;

/**
 * Every hit of a query, without scores, as one bitset per segment (indexed by the segment's
 * {@code ord}; null where nothing matched): the exact total is their cardinality, and the facets
 * are counted from them ({@link FacetCounts}). Collecting a hit is setting a bit, so even a query
 * that matches a tenth of a large district costs about a millisecond here.
 */
final class HitBits implements CollectorManager<HitBits.Bits, FixedBitSet[]> {

    private final List<LeafReaderContext> leaves;

    HitBits(IndexReader reader) {
        this.leaves = reader.leaves();
    }

    static long cardinality(FixedBitSet[] hits) {
        long n = 0;
        for (FixedBitSet h : hits) {
            n += h == null ? 0 : h.cardinality();
        }
        return n;
    }

    @Override
    public Bits newCollector() {
        return new Bits(new FixedBitSet[leaves.size()]);
    }

    @Override
    public FixedBitSet[] reduce(Collection<Bits> collectors) {
        FixedBitSet[] out = new FixedBitSet[leaves.size()];
        for (Bits c : collectors) {
            for (int i = 0; i < out.length; i++) {
                if (c.perLeaf[i] != null) {
                    if (out[i] == null) {
                        out[i] = c.perLeaf[i];
                    } else {
                        out[i].or(c.perLeaf[i]); // only if a searcher ever splits one segment across threads
                    }
                }
            }
        }
        return out;
    }

    static final class Bits implements Collector {
        private final FixedBitSet[] perLeaf;

        Bits(FixedBitSet[] perLeaf) {
            this.perLeaf = perLeaf;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            FixedBitSet bits = perLeaf[context.ord] != null ? perLeaf[context.ord] : new FixedBitSet(context.reader().maxDoc());
            perLeaf[context.ord] = bits;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    bits.set(doc);
                }
            };
        }
    }
}
