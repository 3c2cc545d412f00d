package cn.shenhe.search;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.JobLeases;
import cn.shenhe.cluster.NodeId;
import cn.shenhe.storage.BlobStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Snapshots of the districts' search indexes in the object store, so that a new or wiped node starts
 * from the newest one plus the change log after it instead of rebuilding from the database. One node at
 * a time (lease) publishes every {@code shenhe.search.snapshot-minutes}: the last commit of each open
 * index, its files cut into parts, sealed under the district's key like its pictures (the index holds
 * personal data). The row in {@code search_snapshot} names the newest; the one before is then deleted.
 */
@ApplicationScoped
public class IndexSnapshots {

    private static final Logger LOG = Logger.getLogger(IndexSnapshots.class.getName());
    /** Small enough to seal in memory, large enough that a big index is a few hundred parts. */
    static final int PART_BYTES = 8 << 20;
    static final String KEY_PART = "/search-snapshots/";

    @Inject
    SearchIndexes indexes;
    @Inject
    BlobStore blobs;
    @Inject
    ChangeLog log;
    @Inject
    JobLeases leases;
    @Inject
    NodeId node;
    @Inject
    @ConfigProperty(name = "shenhe.search.snapshot-minutes", defaultValue = "60")
    long everyMinutes;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> scheduled;

    /** A published snapshot: where its parts are and what they hold. */
    record Snapshot(String district, long logPosition, String blobPrefix, List<IndexFile> files) {
    }

    record IndexFile(String name, long size, int parts) {
    }

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (everyMinutes > 0) {
            scheduled = scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("search-snapshot",
                    Duration.ofMinutes(everyMinutes).multipliedBy(3).dividedBy(4), this::publishAll), everyMinutes, everyMinutes, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (scheduled != null) scheduled.cancel(false);
    }

    void publishAll() {
        for (String district : indexes.openDistricts()) {
            try {
                publish(district);
            } catch (IOException | SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Search snapshot of " + district + " not published; trying again next round", e);
            }
        }
    }

    /** Publishes the district's last committed index unless the newest snapshot is as far; returns it if published. */
    public Optional<Snapshot> publish(String district) throws IOException, SQLException {
        DistrictIndex idx = indexes.index(district);
        IndexCommit commit = idx.holdLastCommit();
        try {
            String position = commit.getUserData().get(DistrictIndex.LOG_POSITION);
            Optional<Snapshot> newest = newest(district);
            if (position == null || newest.isPresent() && newest.get().logPosition() >= Long.parseLong(position)) {
                return Optional.empty();
            }
            String prefix = prefix(district, Long.parseLong(position));
            List<IndexFile> files = new ArrayList<>();
            byte[] buffer = new byte[PART_BYTES];
            for (String name : commit.getFileNames()) {
                try (IndexInput in = idx.directory().openInput(name, IOContext.READONCE)) {
                    long size = in.length();
                    int parts = 0;
                    for (long done = 0; done < size || parts == 0; parts++) {
                        int n = (int) Math.min(PART_BYTES, size - done);
                        in.readBytes(buffer, 0, n);
                        blobs.put(partKey(prefix, files.size(), parts), java.util.Arrays.copyOf(buffer, n));
                        done += n;
                    }
                    files.add(new IndexFile(name, size, parts));
                }
            }
            Snapshot published = new Snapshot(district, Long.parseLong(position), prefix, files);
            record(published);
            newest.ifPresent(this::deleteParts);
            LOG.info(() -> "Search snapshot of " + district + " published at log position " + position + ": "
                    + files.size() + " file(s), " + files.stream().mapToLong(IndexFile::size).sum() + " bytes");
            return Optional.of(published);
        } finally {
            idx.release(commit);
        }
    }

    /**
     * Writes the newest snapshot's files into {@code dir} (which must hold no index) when there is one the
     * change log still reaches; returns whether it did. Written beside and moved in, so a failure leaves
     * no half index.
     */
    boolean restoreInto(String district, Path dir) throws IOException, SQLException {
        for (int attempt = 1; ; attempt++) {
            Optional<Snapshot> newest = newest(district);
            if (newest.isEmpty() || newest.get().logPosition() < log.prunedBelow()) return false;
            try {
                restore(newest.get(), dir);
                return true;
            } catch (PartMissing e) {
                // another node published a newer snapshot while this one read the older, and deleted its parts
                if (attempt == 3 || newest(district).equals(newest)) throw e;
                LOG.info(() -> "Search snapshot of " + district + " replaced while restoring it: restoring the newer one");
            }
        }
    }

    /** A part of a snapshot gone from the object store: deleted by a newer publish, or lost. */
    static final class PartMissing extends IOException {
        PartMissing(String key) {
            super("Snapshot part missing: " + key);
        }
    }

    private void restore(Snapshot s, Path dir) throws IOException {
        String district = s.district();
        Path tmp = Files.createTempDirectory(dir.getParent(), district + ".restore-");
        try {
            for (int i = 0; i < s.files().size(); i++) {
                IndexFile f = s.files().get(i);
                try (OutputStream out = Files.newOutputStream(tmp.resolve(f.name()))) {
                    for (int part = 0; part < f.parts(); part++) {
                        String key = partKey(s.blobPrefix(), i, part);
                        try (InputStream in = blobs.open(key).orElseThrow(() -> new PartMissing(key))) {
                            in.transferTo(out);
                        }
                    }
                }
                if (Files.size(tmp.resolve(f.name())) != f.size()) throw new IOException("Snapshot file of another size: " + f.name());
            }
            deleteFilesIn(dir);   // a lock file or an empty start
            Files.delete(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "Search index of " + district + " restored from its snapshot at log position " + s.logPosition());
        } finally {
            if (Files.exists(tmp)) {
                deleteFilesIn(tmp);
                Files.delete(tmp);
            }
        }
    }

    /** Deletes the files of an index folder (it has no subfolders), keeping the folder. */
    static void deleteFilesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
    }

    Optional<Snapshot> newest(String district) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT log_position, blob_prefix, manifest FROM search_snapshot WHERE district = ?")) {
            q.setString(1, district);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                List<IndexFile> files = new ArrayList<>();
                for (String line : rs.getString(3).split("\n")) {
                    String[] f = line.split(" ");
                    files.add(new IndexFile(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2])));
                }
                return Optional.of(new Snapshot(district, rs.getLong(1), rs.getString(2), files));
            }
        }
    }

    private void record(Snapshot s) throws SQLException {
        StringBuilder manifest = new StringBuilder();
        s.files().forEach(f -> manifest.append(f.name()).append(' ').append(f.size()).append(' ').append(f.parts()).append('\n'));
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE search_snapshot SET log_position = ?, blob_prefix = ?, manifest = ?,"
                     + " node_id = ?, created_at = ? WHERE district = ?")) {
            bind(update, s, manifest.toString().strip());
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO search_snapshot (log_position, blob_prefix, manifest,"
                        + " node_id, created_at, district) VALUES (?, ?, ?, ?, ?, ?)")) {
                    bind(insert, s, manifest.toString().strip());
                    insert.executeUpdate();
                }
            }
        }
    }

    private void bind(PreparedStatement ps, Snapshot s, String manifest) throws SQLException {
        ps.setLong(1, s.logPosition());
        ps.setString(2, s.blobPrefix());
        ps.setString(3, manifest);
        ps.setString(4, node.get());
        ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        ps.setString(6, s.district());
    }

    /** Unique per publish; the node's id names it in the row (host names need not be blob keys). */
    static String prefix(String district, long position) {
        return district + KEY_PART + position + "-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
    }

    /** Parts are named by the file's place in the manifest: Lucene's file names are not blob keys ({@code _3_Lucene104_0.psm}). */
    static String partKey(String prefix, int file, int part) {
        return prefix + "/" + file + "." + part;
    }

    private void deleteParts(Snapshot old) {
        try {
            for (int i = 0; i < old.files().size(); i++) {
                for (int part = 0; part < old.files().get(i).parts(); part++) blobs.delete(partKey(old.blobPrefix(), i, part));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "An older search snapshot of " + old.district() + " not deleted: " + old.blobPrefix(), e);
        }
    }
}
