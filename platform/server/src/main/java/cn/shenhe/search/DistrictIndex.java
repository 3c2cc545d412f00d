package cn.shenhe.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
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
 * <p>Durability: {@link #commit} records in the commit's user data the change-log position below
 * which every change is reflected ({@value #LOG_POSITION}); a restart reads the log from there (see
 * {@link SearchIndexes}). Indexes from before the log have only the instant ({@value #INDEXED_THROUGH}).
 */
public final class DistrictIndex implements AutoCloseable {

    static final String INDEXED_THROUGH = "indexedThrough";
    static final String LOG_POSITION = "logPosition";
    private static final long NO_POSITION = Long.MIN_VALUE;
    /**
     * The layout of the documents (fields, their types and analyzers). An index written with
     * another layout is recreated and rebuilt on open: Lucene refuses a field whose options
     * change, and old documents would not answer new queries anyway. Bump it with every change
     * to {@link SearchFields} or {@link SearchAnalyzers}.
     */
    static final String SCHEMA = "schema";
    static final String SCHEMA_VERSION = "5";
    /** Which database the index was built from (see {@link SearchSource#databaseIdentity}). */
    static final String DATABASE = "database";
    /** Scores are sums of clause weights: see {@link QueryTranslator}. */
    static final Similarity SIMILARITY = new BooleanSimilarity();

    private final String district;
    private final Directory directory;
    private final IndexWriter writer;
    /** Keeps a commit's files while a snapshot of it is copied ({@link #holdLastCommit}). */
    private final SnapshotDeletionPolicy held = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
    private final SearcherManager searchers;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean dirty;
    /** Changes applied since the last refresh: the next searcher acquired refreshes first. */
    private volatile boolean stale;
    /** False until a commit: a new index, or one of another layout (recreated empty). */
    private volatile boolean current;

    private final String database;
    /** Every change-log row below it is reflected in what the writer holds; the committed one on disk. */
    private volatile long logPosition;
    private volatile long committedLogPosition;
    private volatile long lastCommitNanos = System.nanoTime();

    DistrictIndex(String district, Path dir) throws IOException {
        this(district, dir, "unknown");
    }

    DistrictIndex(String district, Path dir, String database) throws IOException {
        this.district = district;
        this.database = database;
        this.directory = FSDirectory.open(dir);
        this.current = DirectoryReader.indexExists(directory)
                && SCHEMA_VERSION.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA));
        IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.indexing())
                .setOpenMode(current ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                .setSimilarity(SIMILARITY)
                .setIndexSort(SearchFields.NEWEST_FIRST)
                .setRAMBufferSizeMB(64)
                .setIndexDeletionPolicy(held);
        this.writer = new IndexWriter(directory, config);
        this.logPosition = current ? Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(LOG_POSITION))
                .map(Long::parseLong).orElse(NO_POSITION) : NO_POSITION;
        this.committedLogPosition = logPosition;
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                                             org.apache.lucene.index.IndexReader previous) throws IOException {
                // New segments' facet bitsets are built here, on the refreshing thread, not by the next search.
                FacetCounts.warm(reader, SearchService.NATIONAL_FACETS);
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

    /** Whether the index holds a committed index of the current layout (false: new, or recreated empty). */
    boolean isCurrent() {
        return current;
    }

    /** Whether the last commit was made from the database this index now serves. */
    boolean builtFrom(String database) throws IOException {
        return current && database.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(DATABASE));
    }

    /** The change-log position recorded by the last commit or moved to since (none: built before the log, or new). */
    OptionalLong logPosition() {
        long p = logPosition;
        return p == NO_POSITION ? OptionalLong.empty() : OptionalLong.of(p);
    }

    /** What a restart would resume from. */
    OptionalLong committedLogPosition() {
        long p = committedLogPosition;
        return p == NO_POSITION ? OptionalLong.empty() : OptionalLong.of(p);
    }

    /** Every change-log row below {@code position} is now applied; a lower position than the current one is ignored. */
    void moveLogPosition(long position) {
        if (position > logPosition) {
            logPosition = position;
        }
    }

    /**
     * Whether the position has moved since the last commit, which was {@code age} or more ago: an idle
     * index still commits its position now and then (for pruning, and a short replay after a restart),
     * not every few seconds.
     */
    boolean positionUnsavedFor(Duration age) {
        return logPosition != committedLogPosition && System.nanoTime() - lastCommitNanos >= age.toNanos();
    }

    /** The instant recorded by the last commit, if any. */
    Optional<Instant> indexedThrough() throws IOException {
        if (!current) {
            return Optional.empty();
        }
        return Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(INDEXED_THROUGH)).map(Instant::parse);
    }

    int numDocs() throws IOException {
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    /** The last commit, its files kept until {@link #release}: copied while the writer goes on. */
    IndexCommit holdLastCommit() throws IOException {
        return held.snapshot();
    }

    void release(IndexCommit commit) throws IOException {
        held.release(commit);
        writer.deleteUnusedFiles();
    }

    Directory directory() {
        return directory;
    }

    /** The index's size on disk (its current files, including any not yet merged away). */
    long sizeBytes() throws IOException {
        long bytes = 0;
        for (String file : directory.listAll()) {
            try {
                bytes += directory.fileLength(file);
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted by a merge while we listed
            }
        }
        return bytes;
    }

    /** Replaces (or adds) the registration's document. */
    void upsert(SearchFields.Registration r) throws IOException {
        writer.updateDocument(new Term(SearchFields.ID, r.id()), SearchFields.toDocument(r));
        dirty = true;
        stale = true;
    }

    void delete(String registrationId) throws IOException {
        writer.deleteDocuments(new Term(SearchFields.ID, registrationId));
        dirty = true;
        stale = true;
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
        dirty = true;
        stale = true;
    }

    /**
     * Makes applied changes visible to new searchers. Refreshing writes the changes as a new
     * segment, which costs the same for one document as for a hundred: so changes are made visible
     * when someone searches (see {@link #acquire}) or when the periodic commit runs, not after every
     * round of updates (a refresh per round was a clear share of the server's CPU under a burst of
     * uploads: docs/benchmarks.md).
     */
    void refresh() throws IOException {
        stale = false;   // before: a change applied during the refresh marks it stale again
        searchers.maybeRefreshBlocking();
    }

    boolean stale() {
        return stale;
    }

    /** Writes applied changes to disk, noting that the database is reflected up to {@code through}. */
    void commit(Instant through) throws IOException {
        long position = logPosition;
        Map<String, String> data = new HashMap<>(Map.of(INDEXED_THROUGH, through.toString(), SCHEMA, SCHEMA_VERSION, DATABASE, database));
        if (position != NO_POSITION) {
            data.put(LOG_POSITION, Long.toString(position));
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committedLogPosition = position;
        lastCommitNanos = System.nanoTime();
        dirty = false;
        current = true;
    }

    boolean dirty() {
        return dirty;
    }

    /** A searcher that sees every change applied so far; give it back with {@link #release}. */
    IndexSearcher acquire() throws IOException {
        if (stale) {
            refresh();
        }
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
