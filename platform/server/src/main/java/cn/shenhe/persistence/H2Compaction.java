package cn.shenhe.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the embedded H2 file (the one-machine database of {@code ./run.sh}) from growing without end.
 * {@code WRITE_DELAY=0}, which makes a commit reach the file before an upload is acknowledged, also
 * switches off the MVStore's background writer, and with it the only housekeeping that compacts the
 * file: every commit appends a chunk and old chunks are never reused (h2database issue #442; the
 * file grew by ~10 GB an hour under a soak). So this calls the store's own {@code compactFile}, the
 * compaction H2 runs when it closes a database, every little while for a bounded time.
 *
 * <p>The application cannot see H2's classes (they are Liberty's library of the data source), so the
 * call goes through a Java function alias that H2 compiles and runs in its own class loader, reaching
 * the store by reflection on public methods.
 */
@ApplicationScoped
public class H2Compaction {

    private static final Logger LOG = Logger.getLogger(H2Compaction.class.getName());

    /** Connection → session → database → store; {@code compactFile(ms)} is bounded by the time given. */
    private static final String ALIAS = "CREATE ALIAS IF NOT EXISTS SHENHE_COMPACT_FILE AS $$"
            + " int compact(java.sql.Connection c, int millis) throws Exception {"
            + " Object o = c;"
            + " for (String m : new String[] {\"getSession\", \"getDatabase\", \"getStore\"}) o = o.getClass().getMethod(m).invoke(o);"
            + " o.getClass().getMethod(\"compactFile\", int.class).invoke(o, millis);"
            + " return millis; } $$";

    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;
    /** Seconds between two compactions; 0 turns them off. */
    @Inject
    @ConfigProperty(name = "shenhe.h2.compact-every-seconds", defaultValue = "30")
    int everySeconds;
    /** The most one compaction may take: commits wait for it, so it is kept short and frequent. */
    @Inject
    @ConfigProperty(name = "shenhe.h2.compact-millis", defaultValue = "200")
    int millis;
    private ScheduledFuture<?> scheduled;

    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (everySeconds > 0 && embeddedH2File()) {
            scheduled = scheduler.scheduleWithFixedDelay(this::compactQuietly, everySeconds, everySeconds, TimeUnit.SECONDS);
            LOG.info(() -> "H2 file compaction every " + everySeconds + " s, at most " + millis + " ms each");
        }
    }

    /** A redeployed application's old instance must not go on running. */
    @PreDestroy
    void stop() {
        if (scheduled != null) scheduled.cancel(false);
    }

    private void compactQuietly() {
        try (Connection c = dataSource.getConnection()) {
            compact(c, millis);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "H2 file compaction failed; it will run again", e);
        }
    }

    /** Compacts the H2 database behind {@code c} for at most about {@code millis} ms. */
    public static void compact(Connection c, int millis) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Created each time if missing: a test server's clean start drops it with the schema.
            s.execute(ALIAS);
            s.execute("CALL SHENHE_COMPACT_FILE(" + millis + ")");
        }
    }

    private boolean embeddedH2File() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL().startsWith("jdbc:h2:file:");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot tell the database kind; H2 file compaction is off", e);
            return false;
        }
    }
}
