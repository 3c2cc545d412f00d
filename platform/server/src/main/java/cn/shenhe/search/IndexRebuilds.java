package cn.shenhe.search;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rebuilds a district administrator asks for, run in the background (a million registrations
 * take minutes: longer than a request should wait) and followed by their {@link RebuildStatus}:
 * the districts' running or last rebuild since the server started. The rebuild itself is
 * {@link SearchIndexes#rebuild(String, AtomicLong)}.
 */
@ApplicationScoped
public class IndexRebuilds {

    private static final Logger LOG = Logger.getLogger(IndexRebuilds.class.getName());

    @Inject
    SearchIndexes indexes;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** The district's last (or running) rebuild, as a mutable job behind its snapshots. */
    private static final class Job {
        final String district;
        final Instant startedAt = Instant.now();
        final AtomicLong indexed = new AtomicLong();
        volatile RebuildStatus finished;

        Job(String district) {
            this.district = district;
        }

        RebuildStatus status() {
            RebuildStatus f = finished;
            return f != null ? f : new RebuildStatus(district, "RUNNING", startedAt, null, indexed.get(), null, 0, null);
        }

        void finish(String state, long registrations, Long millis, long indexBytes, String error) {
            finished = new RebuildStatus(district, state, startedAt, Instant.now(), registrations, millis, indexBytes, error);
        }
    }

    /**
     * Starts rebuilding the district's index and returns its status; while one runs, asking again
     * returns that one rather than starting a second.
     */
    public RebuildStatus start(String district) {
        indexes.index(district);
        Job started = new Job(district);
        Job job = jobs.compute(district, (d, current) -> current != null && current.status().running() ? current : started);
        if (job != started) {
            return job.status();
        }
        Runnable task = () -> {
            try {
                SearchIndexes.RebuildResult r = indexes.rebuild(district, started.indexed);
                started.finish("DONE", r.registrations(), r.millis(), r.indexBytes(), null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Search index of " + district + " not rebuilt", e);
                started.finish("FAILED", started.indexed.get(), null, 0, String.valueOf(e.getMessage()));
            }
        };
        try {
            scheduler.execute(task);
        } catch (RuntimeException e) { // no thread for it: say so rather than show it running forever
            started.finish("FAILED", 0, null, 0, String.valueOf(e));
            throw e;
        }
        return started.status();
    }

    /** The district's running or last rebuild; {@code NONE} and the index as it is when none ran. */
    public RebuildStatus status(String district) {
        DistrictIndex idx = indexes.index(district);
        Job job = jobs.get(district);
        if (job != null) {
            return job.status();
        }
        try {
            return new RebuildStatus(district, "NONE", null, null, idx.numDocs(), null, idx.sizeBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
