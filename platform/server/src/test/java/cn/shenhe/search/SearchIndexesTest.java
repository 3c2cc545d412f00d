package cn.shenhe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.NodeId;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.storage.FileSystemBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' indexes of one district over one database, change log and object store (stand-ins for the database's
 * registrations and log, the real snapshots table on H2, the file-system blob store): node A stops, node B publishes a
 * snapshot, the log is pruned past A's position; A's index then starts from the snapshot and the log after it, and is
 * rebuilt from the database only when no snapshot the log reaches is left.
 */
class SearchIndexesTest {

    @TempDir
    Path dir;
    private final Log log = new Log();
    private final Registrations database = new Registrations();
    private final DistrictDirectory districts = new DistrictDirectory() {
        @Override
        public Optional<DistrictConfig> find(String code) {
            return Optional.of(new DistrictConfig(code, null, 2027, null, null, null, OptionalInt.empty(), List.of(), List.of()));
        }
    };
    private JdbcDataSource snapshotTable;
    private FileSystemBlobStore objectStore;

    @BeforeEach
    void shared() throws Exception {
        snapshotTable = new JdbcDataSource();
        snapshotTable.setURL("jdbc:h2:mem:indexes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = snapshotTable.getConnection(); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("src/main/resources/db/migration/common/V15__search_snapshot.sql")));
        }
        objectStore = new FileSystemBlobStore(dir.resolve("blobs"));
    }

    @Test
    void aNodeGoneLongerThanTheLogKeepsStartsFromTheSnapshotAndTheLogAfterIt() throws Exception {
        long snapshot = nodeAStopsAndNodeBPublishesASnapshot();
        log.prune(snapshot);   // node A timed out: the log is kept from the snapshot on only

        SearchIndexes a = node("a");
        DistrictIndex idx = a.index("bj");

        assertEquals(0, database.rebuilds, "not rebuilt from the database");
        assertEquals(List.of(0, 1, 1, 1), List.of(hits(idx, "r1"), hits(idx, "r2"), hits(idx, "r3"), hits(idx, "r4")),
                "the snapshot's r1 to r3, then the log's change of r2, r4 and r1's deletion");
        assertEquals("李四改名", name(idx, "r2"), "r2 as the log changed it");
        assertEquals(log.horizon(), idx.logPosition().orElseThrow());
        a.close();
    }

    @Test
    void withNoSnapshotTheLogReachesItIsRebuiltFromTheDatabase() throws Exception {
        nodeAStopsAndNodeBPublishesASnapshot();
        log.prune(log.horizon());   // past the snapshot too

        SearchIndexes a = node("a");
        DistrictIndex idx = a.index("bj");

        assertEquals(1, database.rebuilds);
        assertEquals(List.of(0, 1, 1, 1), List.of(hits(idx, "r1"), hits(idx, "r2"), hits(idx, "r3"), hits(idx, "r4")));
        a.close();
    }

    /**
     * Node A indexes r1 and r2 and stops; r3 is registered; node B builds its index and publishes it; then r2 is changed,
     * r4 registered and r1 deleted. Returns the snapshot's log position.
     */
    private long nodeAStopsAndNodeBPublishesASnapshot() throws Exception {
        database.register("r1", "张三");
        database.register("r2", "李四");
        SearchIndexes a = node("a");
        assertEquals(2, a.index("bj").numDocs());
        a.close();
        long stoppedAt = log.horizon();
        database.register("r3", "王五");
        SearchIndexes b = node("b");
        long snapshot = b.snapshots.publish("bj").orElseThrow().logPosition();
        b.close();
        database.register("r2", "李四改名");
        database.register("r4", "赵六");
        database.delete("r1");
        database.rebuilds = 0;
        assertTrue(stoppedAt < snapshot && snapshot < log.horizon(), "A stopped before the snapshot, changes after it");
        return snapshot;
    }

    private SearchIndexes node(String name) {
        SearchIndexes node = new SearchIndexes();
        node.dataDir = dir.resolve(name).toString();
        node.source = database;
        node.districts = districts;
        node.log = log;
        IndexSnapshots snapshots = new IndexSnapshots();
        snapshots.indexes = node;
        snapshots.blobs = objectStore;
        snapshots.log = log;
        snapshots.dataSource = snapshotTable;
        snapshots.node = new NodeId() {
            @Override
            public synchronized String get() {
                return name;
            }
        };
        node.snapshots = snapshots;
        return node;
    }

    private static int hits(DistrictIndex idx, String registration) throws Exception {
        IndexSearcher s = idx.acquire();
        try {
            return s.count(new TermQuery(new Term(SearchFields.ID, registration)));
        } finally {
            idx.release(s);
        }
    }

    private static String name(DistrictIndex idx, String registration) throws Exception {
        IndexSearcher s = idx.acquire();
        try {
            int doc = s.search(new TermQuery(new Term(SearchFields.ID, registration)), 1).scoreDocs[0].doc;
            return s.storedFields().document(doc).get(SearchFields.NAME_GRAMS);
        } finally {
            idx.release(s);
        }
    }

    /** The change log: a row per change, all committed (the horizon is past the newest), pruned below a position. */
    static final class Log extends ChangeLog {
        private final List<Entry> rows = new ArrayList<>();
        private long next = 1;
        private long pruned;

        void changed(String registration) {
            rows.add(new Entry(next, next, "bj", registration, "registration.changed"));
            next++;
        }

        @Override
        public long horizon() {
            return next;
        }

        @Override
        public long readFrom(long position, Consumer<List<Entry>> pages) {
            List<Entry> page = rows.stream().filter(e -> e.seq() >= position).toList();
            if (!page.isEmpty()) pages.accept(page);
            return next;
        }

        @Override
        public long prunedBelow() {
            return pruned;
        }

        @Override
        public int prune(long position) {
            int before = rows.size();
            rows.removeIf(e -> e.seq() < position);
            pruned = Math.max(pruned, position);
            return before - rows.size();
        }
    }

    /** The district's registrations in the database; each change logged. Counts the rebuilds (reads of them all). */
    final class Registrations extends SearchSource {
        private final Map<String, SearchFields.Registration> rows = new TreeMap<>();
        int rebuilds;

        void register(String id, String name) {
            Instant now = Instant.now();
            rows.put(id, new SearchFields.Registration("bj", id, name, null, null, 2027, "cat", "bj-01", "submitted", now, now, List.of()));
            log.changed(id);
        }

        void delete(String id) {
            rows.remove(id);
            log.changed(id);
        }

        @Override
        public Map<String, SearchFields.Registration> load(String district, Collection<String> ids) {
            Map<String, SearchFields.Registration> found = new HashMap<>();
            ids.stream().filter(rows::containsKey).forEach(id -> found.put(id, rows.get(id)));
            return found;
        }

        @Override
        public long forEach(String district, Consumer<SearchFields.Registration> sink) {
            rebuilds++;
            rows.values().forEach(sink);
            return rows.size();
        }

        @Override
        public String databaseIdentity() {
            return "test-database";
        }

        @Override
        public long count(String district) {
            return rows.size();
        }
    }
}
