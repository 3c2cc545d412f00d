package cn.shenhe.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts every hit by the values of a few keyword fields (status, site, category, district),
 * from their doc values, per segment by ordinal and resolved to strings once per segment. The
 * counts are taken over the same, already restricted query as the hits, so they can never reveal
 * what the caller may not see. (lucene-facet's SortedSet facets do the same with a per-reader
 * ordinal map to build and cache; for four small fields, this is simpler and as fast.)
 */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, Map<String, Map<String, Long>>> {

    private final List<String> fields;

    FacetCounts(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public Counter newCollector() {
        return new Counter();
    }

    @Override
    public Map<String, Map<String, Long>> reduce(Collection<Counter> counters) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String f : fields) {
            Map<String, Long> merged = new HashMap<>();
            counters.forEach(c -> c.counts.getOrDefault(f, Map.of()).forEach((k, v) -> merged.merge(k, v, Long::sum)));
            Map<String, Long> sorted = new LinkedHashMap<>();
            merged.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.put(f, sorted);
        }
        return out;
    }

    final class Counter implements Collector {
        private final Map<String, Map<String, Long>> counts = new HashMap<>();

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            List<SortedSetDocValues> values = new ArrayList<>(fields.size());
            List<int[]> perOrd = new ArrayList<>(fields.size());
            for (String f : fields) {
                SortedSetDocValues dv = DocValues.getSortedSet(context.reader(), f);
                values.add(dv);
                perOrd.add(new int[(int) Math.min(Integer.MAX_VALUE - 8, dv.getValueCount())]);
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < values.size(); i++) {
                        SortedSetDocValues dv = values.get(i);
                        if (dv.advanceExact(doc)) {
                            for (int k = 0; k < dv.docValueCount(); k++) {
                                perOrd.get(i)[(int) dv.nextOrd()]++;
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < values.size(); i++) {
                        int[] c = perOrd.get(i);
                        Map<String, Long> m = counts.computeIfAbsent(fields.get(i), f -> new HashMap<>());
                        for (int ord = 0; ord < c.length; ord++) {
                            if (c[ord] > 0) {
                                m.merge(values.get(i).lookupOrd(ord).utf8ToString(), (long) c[ord], Long::sum);
                            }
                        }
                    }
                }
            };
        }
    }
}
