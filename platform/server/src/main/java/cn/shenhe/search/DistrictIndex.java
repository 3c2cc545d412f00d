package cn.shenhe.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BooleanSimilarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The search index of one district: a directory, its one {@link IndexWriter}, and a
 * {@link SearcherManager} handing out near-real-time searchers (they see what the writer has
 * applied, committed to disk or not). Writes are serialized by {@link #lock()}, so a rebuild and
 * incremental updates never interleave.
 *
 * <p>Durability: {@link #commit} records in the commit's user data the instant up to which the
 * database is known to be reflected ({@value #INDEXED_THROUGH}); after a crash, whatever changed
 * in the database since then is indexed again (see {@link SearchIndexes}).
 */
public final class DistrictIndex implements AutoCloseable {

    static final String INDEXED_THROUGH = "indexedThrough";
    /** Scores are sums of clause weights: see {@link QueryTranslator}. */
    static final Similarity SIMILARITY = new BooleanSimilarity();

    private final String district;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean dirty;

    DistrictIndex(String district, Path dir) throws IOException {
        this.district = district;
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.indexing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(SIMILARITY)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                                             org.apache.lucene.index.IndexReader previous) {
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(SIMILARITY);
                return s;
            }
        });
    }

    public String district() {
        return district;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Whether the directory held a committed index when opened (false: new and empty). */
    boolean hasCommit() throws IOException {
        return DirectoryReader.indexExists(directory);
    }

    /** The instant recorded by the last commit, if any. */
    Optional<Instant> indexedThrough() throws IOException {
        if (!hasCommit()) {
            return Optional.empty();
        }
        try (DirectoryReader r = DirectoryReader.open(directory)) {
            String v = r.getIndexCommit().getUserData().get(INDEXED_THROUGH);
            return Optional.ofNullable(v).map(Instant::parse);
        }
    }

    int numDocs() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    /** Replaces (or adds) the registration's document. */
    void upsert(SearchFields.Registration r) throws IOException {
        writer.updateDocument(new Term(SearchFields.ID, r.id()), SearchFields.toDocument(r));
        dirty = true;
    }

    void delete(String registrationId) throws IOException {
        writer.deleteDocuments(new Term(SearchFields.ID, registrationId));
        dirty = true;
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
        dirty = true;
    }

    /** Makes applied changes visible to new searchers. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Writes applied changes to disk, noting that the database is reflected up to {@code through}. */
    void commit(Instant through) throws IOException {
        writer.setLiveCommitData(Map.of(INDEXED_THROUGH, through.toString()).entrySet());
        writer.commit();
        dirty = false;
    }

    boolean dirty() {
        return dirty;
    }

    /** A current searcher; give it back with {@link #release}. */
    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher s) throws IOException {
        searchers.release(s);
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
