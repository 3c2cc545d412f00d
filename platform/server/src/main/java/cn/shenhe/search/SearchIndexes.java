package cn.shenhe.search;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.DurablePosition;
import cn.shenhe.cluster.LogAdvanced;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The districts' search indexes, under {@code shenhe.data.dir}/search/{district}. An index is
 * opened on first use (and for every district in the background at start) and checked against
 * the database: missing, built from another database (one recreated or restored since, e.g. a
 * test database emptied at start), or holding another number of registrations than the database,
 * it is rebuilt; otherwise it reads the change log from the position its last commit recorded (what
 * changed while it was closed, or not yet committed at a crash). A missing index, or one behind the
 * pruned part of the change log (its node was gone longer than the log keeps), starts from the
 * district's newest snapshot when the log still reaches it, and is rebuilt otherwise. Applied changes
 * are committed to disk every few seconds and at shutdown.
 */
@ApplicationScoped
public class SearchIndexes implements DurablePosition {

    private static final Logger LOG = Logger.getLogger(SearchIndexes.class.getName());
    /**
     * How far before a commit its {@code indexedThrough} is set: a registration's timestamps are
     * taken before its transaction commits, and its change reaches the index a moment after.
     */
    static final Duration IN_FLIGHT_MARGIN = Duration.ofMinutes(5);
    private static final long COMMIT_EVERY_SECONDS = 5;
    /** An index with no changes still commits its moved log position this often. */
    private static final Duration SAVE_POSITION_EVERY = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = "shenhe.data.dir")
    String dataDir;
    /** The districts' key file: the ID-number secret lives beside it, so nodes that share one share both. */
    @Inject
    @ConfigProperty(name = "shenhe.keys.file")
    java.util.Optional<String> keysFile;
    @Inject
    SearchSource source;
    @Inject
    DistrictDirectory districts;
    @Inject
    ChangeLog log;
    @Inject
    IndexSnapshots snapshots;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, DistrictIndex> open = new ConcurrentHashMap<>();
    private ScheduledFuture<?> committer;

    /** The ID-number digests' secret: before any document is written or any query made. */
    @jakarta.annotation.PostConstruct
    void useIdNumberSecret() {
        try {
            Path keys = keysFile.filter(f -> !f.isBlank()).map(f -> Path.of(f).toAbsolutePath().getParent())
                    .orElse(Path.of(dataDir, "keys"));
            IdNumberDigest.useSecretIn(keys.resolve("search-id-secret"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read or make the ID-number search secret under " + dataDir, e);
        }
    }

    /** After the migrations (which observe the same event at the default priority). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) @Initialized(ApplicationScoped.class) Object ignored) {
        committer = scheduler.scheduleWithFixedDelay(this::commitAll, COMMIT_EVERY_SECONDS, COMMIT_EVERY_SECONDS, TimeUnit.SECONDS);
        scheduler.execute(() -> {
            // smartcn loads its dictionaries on first use (a second or more): not on the first comment's way to the index.
            SearchAnalyzers.warmUp();
            for (DistrictConfig d : districts.all()) {
                try {
                    index(d.code());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Search index of " + d.code() + " not opened at start; will retry on first use", e);
                }
            }
        });
    }

    /** The district's index, opened and brought in line with the database on first use. */
    public DistrictIndex index(String district) {
        if (districts.find(district).isEmpty()) {
            throw new IllegalArgumentException("No such district: " + district);
        }
        return open.computeIfAbsent(district, this::openChecked);
    }

    public Collection<String> openDistricts() {
        return List.copyOf(open.keySet());
    }

    private DistrictIndex openChecked(String district) {
        try {
            Path dir = Path.of(dataDir, "search", district);
            Files.createDirectories(dir);
            restoreSnapshotIfEmpty(district, dir);
            String database = source.databaseIdentity();
            DistrictIndex idx = new DistrictIndex(district, dir, database);
            if (idx.builtFrom(database) && behindPrunedLog(idx)) {
                // gone longer than the log keeps: the newest snapshot and the log after it, as a wiped node
                idx.close();
                IndexSnapshots.deleteFilesIn(dir);
                boolean restored = restoreSnapshotIfEmpty(district, dir);
                LOG.warning(() -> "Search index of " + district + " was behind the pruned change log: " + (restored
                        ? "started again from its newest snapshot" : "no snapshot the log reaches; building it from the database"));
                idx = new DistrictIndex(district, dir, database);
            }
            idx.lock().lock();
            try {
                if (!idx.isCurrent()) {
                    LOG.info(() -> "Search index of " + district + " missing or of another layout: building it from the database");
                    rebuildLocked(idx);
                } else if (!idx.builtFrom(database)) {
                    LOG.warning(() -> "Search index of " + district + " was built from another database: rebuilding it");
                    rebuildLocked(idx);
                } else if (behindPrunedLog(idx)) {   // pruned again meanwhile
                    LOG.warning(() -> "Search index of " + district + " is behind the pruned change log: rebuilding it");
                    rebuildLocked(idx);
                } else {
                    int n;
                    if (idx.logPosition().isPresent()) {
                        n = catchUpLocked(idx);
                    } else {   // built before the change log: what changed since its last commit's instant
                        long position = log.horizon();
                        Set<String> changed = source.changedSince(district, idx.indexedThrough().orElse(Instant.EPOCH));
                        applyLocked(idx, changed);
                        idx.moveLogPosition(position);
                        n = changed.size();
                    }
                    // counted once caught up: a snapshot or a stopped node's index is behind until then
                    long inDatabase = source.count(district);
                    int inIndex = idx.numDocs();
                    if (inIndex != inDatabase) {
                        LOG.warning(() -> "Search index of " + district + " holds " + inIndex + " registrations, the database "
                                + inDatabase + ": rebuilding it");
                        rebuildLocked(idx);
                    } else {
                        LOG.info(() -> "Search index of " + district + " opened: " + inDatabase + " registrations, " + n + " re-indexed");
                    }
                }
            } finally {
                idx.lock().unlock();
            }
            return idx;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index of " + district, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read district " + district + " for its search index", e);
        }
    }

    /** Whether the log no longer holds every row after the index's position: it has missed some. */
    private boolean behindPrunedLog(DistrictIndex idx) throws SQLException {
        return idx.logPosition().isPresent() && idx.logPosition().getAsLong() < log.prunedBelow();
    }

    /**
     * A new or wiped node's index starts from the newest snapshot in the object store, when there is one the change
     * log still reaches; returns whether it did (else the folder is left empty, and the index is built from the database).
     */
    private boolean restoreSnapshotIfEmpty(String district, Path dir) {
        try (var existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) return false;
            return snapshots.restoreInto(district, dir);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Search snapshot of " + district + " not restored: building the index from the database", e);
            try {
                Files.createDirectories(dir);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
            return false;
        }
    }

    /** What a rebuild did; {@code indexBytes}: the index's size on disk after it. */
    public record RebuildResult(String district, long registrations, long millis, long indexBytes) {
    }

    /**
     * Rebuilds the district's index from the database. Searches meanwhile see the index as it
     * was; changes committed meanwhile wait on the index's lock and are applied right after.
     */
    public RebuildResult rebuild(String district) {
        return rebuild(district, new AtomicLong());
    }

    /** The same, counting the registrations indexed so far in {@code progress} (see {@link IndexRebuilds}). */
    RebuildResult rebuild(String district, AtomicLong progress) {
        DistrictIndex idx = index(district);
        idx.lock().lock();
        try {
            return rebuildLocked(idx, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            idx.lock().unlock();
        }
    }

    private RebuildResult rebuildLocked(DistrictIndex idx) throws IOException, SQLException {
        return rebuildLocked(idx, new AtomicLong());
    }

    private RebuildResult rebuildLocked(DistrictIndex idx, AtomicLong progress) throws IOException, SQLException {
        long heapBefore = committedHeap();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        long position = log.horizon();   // before reading: what commits from here on is also in the log above it
        idx.deleteAll();
        long n = source.forEach(idx.district(), r -> {
            try {
                idx.upsert(r);
                progress.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        idx.moveLogPosition(position);
        idx.commit(started.minus(IN_FLIGHT_MARGIN));
        idx.refresh();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long bytes = idx.sizeBytes();
        LOG.info(() -> "Search index of " + idx.district() + " rebuilt: " + n + " registrations in " + ms + " ms, " + (bytes >> 20) + " MB");
        giveBackHeapGrownSince(heapBefore);
        return new RebuildResult(idx.district(), n, ms, bytes);
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /**
     * A large rebuild grows the heap to its maximum, and G1 keeps what it committed while young collections go on: at
     * 1 M registrations ~100 MB stayed resident after the rebuild, for good. A full collection once the rebuild is done
     * (~0.1-0.3 s, after a rebuild of a minute or more) lets G1 shrink the heap back towards its start size
     * (docs/benchmarks.md, session 21). Only when the heap did grow: a small district's rebuild costs no pause.
     */
    private static void giveBackHeapGrownSince(long committedBefore) {
        if (committedHeap() > committedBefore) {
            System.gc();
        }
    }

    /** Re-reads the registrations from the database and updates (or removes) their documents; a search started after the return sees them. */
    void apply(String district, Collection<String> registrationIds) throws IOException, SQLException {
        DistrictIndex idx = index(district);
        idx.lock().lock();
        try {
            applyLocked(idx, registrationIds);
        } finally {
            idx.lock().unlock();
        }
    }

    /**
     * The log has been read from {@code from} to {@code to} and its changes applied: indexes that were
     * at {@code from} or beyond are now at {@code to}; one that was behind (opened or rebuilt meanwhile)
     * reads the log from its own position.
     */
    void advanced(LogAdvanced advanced) throws IOException, SQLException {
        for (DistrictIndex idx : open.values()) {
            idx.lock().lock();
            try {
                if (idx.logPosition().orElse(Long.MIN_VALUE) >= advanced.from()) {
                    idx.moveLogPosition(advanced.to());
                } else {
                    catchUpLocked(idx);
                }
            } finally {
                idx.lock().unlock();
            }
        }
    }

    /** Applies the district's logged changes from the index's position on; returns how many registrations. */
    private int catchUpLocked(DistrictIndex idx) throws IOException, SQLException {
        Set<String> ids = new LinkedHashSet<>();
        long horizon = log.readFrom(idx.logPosition().orElse(Long.MIN_VALUE), page -> page.stream()
                .filter(e -> e.district().equals(idx.district()) && e.registrationId() != null)
                .forEach(e -> ids.add(e.registrationId())));
        applyLocked(idx, ids);
        idx.moveLogPosition(horizon);
        return ids.size();
    }

    @Override
    public OptionalLong durablePosition() {
        return open.values().stream().map(DistrictIndex::committedLogPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
    }

    private void applyLocked(DistrictIndex idx, Collection<String> ids) throws IOException, SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, SearchFields.Registration> current = source.load(idx.district(), ids);
        for (String id : ids) {
            SearchFields.Registration r = current.get(id);
            if (r == null) {
                idx.delete(id);
            } else {
                idx.upsert(r);
            }
        }
    }

    void commitAll() {
        for (DistrictIndex idx : open.values()) {
            if ((idx.dirty() || idx.positionUnsavedFor(SAVE_POSITION_EVERY)) && idx.lock().tryLock()) {
                try {
                    idx.commit(Instant.now().minus(IN_FLIGHT_MARGIN));
                    if (idx.stale()) {
                        idx.refresh();   // so that a search's own refresh has at most one period of changes to write
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Search index of " + idx.district() + " not committed", e);
                } finally {
                    idx.lock().unlock();
                }
            }
        }
    }

    @PreDestroy
    void close() {
        if (committer != null) {
            committer.cancel(false);
        }
        for (DistrictIndex idx : open.values()) {
            idx.lock().lock();
            try {
                if (idx.dirty() || idx.positionUnsavedFor(Duration.ZERO)) {
                    idx.commit(Instant.now().minus(IN_FLIGHT_MARGIN));
                }
                idx.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Search index of " + idx.district() + " not closed cleanly", e);
            } finally {
                idx.lock().unlock();
            }
        }
        open.clear();
    }
}
