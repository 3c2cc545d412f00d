package cn.shenhe.cluster;

import cn.shenhe.cluster.ChangeLog.Entry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the change log on this node: every {@code shenhe.changelog.poll-millis} (other nodes'
 * changes), and at once when this node committed a change ({@link #wake}, after gathering for
 * {@value #GATHER_MILLIS} ms so that a burst shares one read). One read at a time; each round hands
 * the new rows on as {@link LoggedChanges}, then announces the new position as {@link LogAdvanced}.
 */
@ApplicationScoped
public class LogFollower {

    private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());
    static final long GATHER_MILLIS = 100;
    private static final long QUIET_LOG_MILLIS = 60_000;

    @Inject
    ChangeLog log;
    @Inject
    Event<LoggedChanges> changes;
    @Inject
    Event<LogAdvanced> advanced;
    @Inject
    @ConfigProperty(name = "shenhe.changelog.poll-millis", defaultValue = "250")
    long pollMillis;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean localChange;
    private LogCursor cursor;
    private ScheduledFuture<?> poller;
    private long lastFailureLogged;

    /** After the search indexes start opening (they catch up themselves from their own positions). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 950) @Initialized(ApplicationScoped.class) Object ignored) {
        poller = scheduler.scheduleWithFixedDelay(() -> wake(false), pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads the log soon: {@code localChange} when this node just committed one (gathered, then read). */
    public void wake(boolean localChange) {
        if (localChange) {
            this.localChange = true;
        }
        wanted.set(true);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {   // shutting down
                draining.set(false);
            }
        }
    }

    private void drain() {
        while (true) {
            if (localChange) {
                localChange = false;
                try {
                    Thread.sleep(GATHER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wanted.set(false);
            try {
                follow();
            } catch (SQLException | RuntimeException e) {
                logFailure(e);
            }
            if (!wanted.get()) {
                draining.set(false);
                // A wake between the check and the reset would otherwise wait for the next poll.
                if (!wanted.get() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * One round: hands on every visible row not yet handed on, then moves to the horizon read
     * before them. The first round only takes the horizon as its start: the indexes keep their own
     * positions and catch up from them ({@link LogAdvanced}).
     */
    public synchronized void follow() throws SQLException {
        if (cursor == null) {
            long start = log.horizon();
            cursor = new LogCursor(start);
            advanced.fire(new LogAdvanced(start, start));
            return;
        }
        long from = cursor.position();
        long horizon = log.readFrom(log.ordersById() ? cursor.firstUnhandedId() : from, page -> {
            List<Entry> fresh = cursor.fresh(page);
            if (!fresh.isEmpty()) {
                changes.fire(new LoggedChanges(fresh));
                cursor.handedOn(fresh);
            }
        });
        cursor.advanceTo(horizon);
        if (cursor.position() > from) {
            advanced.fire(new LogAdvanced(from, cursor.position()));
        }
    }

    private void logFailure(Exception e) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLogged > QUIET_LOG_MILLIS) {
            lastFailureLogged = now;
            LOG.log(Level.WARNING, "Change log not read; trying again every " + pollMillis + " ms (logged once a minute)", e);
        }
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
    }
}
