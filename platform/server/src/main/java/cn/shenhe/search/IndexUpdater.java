package cn.shenhe.search;

import cn.shenhe.registration.RegistrationChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the indexes current: every committed change to a registration (its row, pictures or
 * comments) queues the registration, and one drain task at a time re-reads the queued
 * registrations from the database and updates their documents. Because a single drain reads and
 * writes, and a registration queued while a drain is reading is read again by the next round, the
 * index always ends with the last committed state, whatever the order in which commits arrive.
 * A change is searchable once its round has run: typically about 100 ms after the commit ({@link #GATHER_MILLIS}).
 */
@ApplicationScoped
public class IndexUpdater {

    private static final Logger LOG = Logger.getLogger(IndexUpdater.class.getName());

    private record Change(String district, String registrationId) {
    }

    @Inject
    SearchIndexes indexes;
    @Resource
    ManagedExecutorService executor;

    /**
     * A drain waits this long before each round, so that changes committed meanwhile (a candidate
     * uploading picture after picture, many candidates at once) share one database read and one batch
     * of index updates (readers refresh when someone searches: {@link DistrictIndex#refresh}).
     */
    static final long GATHER_MILLIS = 100;

    private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Only after the commit: a change that rolled back never reaches the index. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegistrationChanged change) {
        enqueue(change.district(), change.registrationId());
    }

    public void enqueue(String district, String registrationId) {
        pending.add(new Change(district, registrationId));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private static void gather() {
        try {
            Thread.sleep(GATHER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // shutting down: apply what is there
        }
    }

    private void drain() {
        while (true) {
            // Every round gathers, not only the first: under a steady stream of uploads, rounds run
            // back to back and each would otherwise refresh for the few changes of a few milliseconds.
            gather();
            List<Change> round = new ArrayList<>();
            for (Change c; (c = pending.poll()) != null; ) {
                round.add(c);
            }
            if (round.isEmpty()) {
                draining.set(false);
                // A change queued between the poll and the reset would otherwise wait for the next one.
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            Map<String, Set<String>> byDistrict = new LinkedHashMap<>();
            round.forEach(c -> byDistrict.computeIfAbsent(c.district(), d -> new LinkedHashSet<>()).add(c.registrationId()));
            byDistrict.forEach((district, ids) -> {
                try {
                    indexes.apply(district, ids);
                } catch (Exception e) {
                    // The database is right and the index is rebuildable: log, and let a rebuild (or the
                    // next change of these registrations) repair it.
                    LOG.log(Level.WARNING, "Search index of " + district + " not updated for " + ids, e);
                }
            });
        }
    }
}
