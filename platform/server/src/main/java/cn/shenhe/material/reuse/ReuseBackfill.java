package cn.shenhe.material.reuse;

import cn.shenhe.cluster.JobLeases;
import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.storage.BlobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hashes the pictures stored before hashes existed (phash NULL), so that they take part in reuse detection:
 * every few minutes on one node at a time (a job lease), in batches, until none is left; a district's admin can
 * also run a batch of the district's pictures at once. Each picture is read back from the store (decrypted), decoded and hashed as stored,
 * watermark included: the hash looks at the detail of the whole picture, which a translucent watermark hardly
 * turns (a copy watermarked twice is found the same way), then looked up like a fresh upload.
 * A picture that cannot be read (its blob missing, its district's keys revoked) is skipped by this node from
 * then on and counted as failed.
 */
@ApplicationScoped
public class ReuseBackfill {

    private static final Logger LOG = Logger.getLogger(ReuseBackfill.class.getName());
    static final int BATCH = 200;

    @Inject
    BlobStore blobs;
    @Inject
    ImagePipeline pipeline;
    @Inject
    ReuseDetector detector;
    @Inject
    JobLeases leases;
    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;
    private java.util.concurrent.ScheduledFuture<?> scheduled;
    @Inject
    @ConfigProperty(name = "shenhe.reuse.backfill-minutes", defaultValue = "5")
    int everyMinutes;

    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    /** What one run did, and how many pictures are still without a hash. */
    public record Progress(int hashed, int matched, int failed, long pending) {
    }

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (everyMinutes > 0) {
            scheduled = scheduler.scheduleWithFixedDelay(() -> leases.runExclusively("reuse-backfill", Duration.ofMinutes(everyMinutes).minusSeconds(30),
                    this::runQuietly), 2, everyMinutes, TimeUnit.MINUTES);
        }
    }

    /** A redeployed application's old instance must not go on running. */
    @jakarta.annotation.PreDestroy
    void stop() {
        if (scheduled != null) scheduled.cancel(false);
    }

    private void runQuietly() {
        try {
            Progress p;
            do {
                p = run(BATCH, null);
                if (p.hashed() > 0) {
                    Progress done = p;
                    LOG.info(() -> "Reuse backfill hashed " + done.hashed() + " picture(s), " + done.pending() + " left");
                }
            } while (p.hashed() > 0 && p.pending() > unreadable.size());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Reuse backfill failed; it will run again", e);
        }
    }

    /**
     * Hashes (and looks up, in every district) at most {@code limit} pictures without a hash.
     *
     * @param district the district whose pictures to hash, or {@code null} for every district (the job)
     */
    public Progress run(int limit, String district) throws SQLException {
        record Todo(String id, String blobKey) {
        }
        List<Todo> todo = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT id, blob_key FROM material_image WHERE phash_b0 IS NULL"
                     + (district == null ? "" : " AND district_id = ?") + " ORDER BY id")) {
            if (district != null) {
                q.setString(1, district);
            }
            q.setMaxRows(limit + unreadable.size());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next() && todo.size() < limit) {
                    if (!unreadable.contains(rs.getString(1))) {
                        todo.add(new Todo(rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        int hashed = 0, matched = 0, failed = 0;
        for (Todo t : todo) {
            Optional<Long> hash = hash(t.id(), t.blobKey());
            if (hash.isEmpty()) {
                unreadable.add(t.id());
                failed++;
                continue;
            }
            if (store(t.id(), hash.get())) {
                hashed++;
                matched += detector.detectQuietly(t.id(), hash.get());
            }
        }
        return new Progress(hashed, matched, failed, pending(district));
    }

    /** Pictures without a hash, in the district or (null) in every district. */
    public long pending(String district) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM material_image WHERE phash_b0 IS NULL"
                     + (district == null ? "" : " AND district_id = ?"))) {
            if (district != null) {
                q.setString(1, district);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Optional<Long> hash(String id, String blobKey) {
        try {
            Optional<InputStream> in = blobs.open(blobKey);
            if (in.isEmpty()) {
                LOG.warning(() -> "Reuse backfill: the blob of picture " + id + " is missing");
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream s = in.get()) {
                bytes = s.readAllBytes();
            }
            return Optional.of(PerceptualHash.of(pipeline.greyOfStored(bytes)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Reuse backfill: cannot read picture " + id, e);
            return Optional.empty();
        }
    }

    /** Only a picture still without a hash: of two nodes racing (a lease that lapsed), one writes. */
    private boolean store(String id, long hash) throws SQLException {
        int[] bands = ReuseBands.of(hash);
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE material_image SET phash = ?, phash_b0 = ?, phash_b1 = ?,"
                     + " phash_b2 = ?, phash_b3 = ? WHERE id = ? AND phash_b0 IS NULL")) {
            u.setLong(1, hash);
            for (int b = 0; b < ReuseBands.BANDS; b++) {
                u.setInt(b + 2, bands[b]);
            }
            u.setString(6, id);
            return u.executeUpdate() == 1;
        }
    }
}
