package cn.shenhe.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything else touches the database. Migrations are in
 * {@code db/migration/common} (portable SQL for H2 and PostgreSQL) plus a per-database folder.
 * Each folder holds an empty {@code flyway.location} file: on Liberty, Flyway finds no
 * migrations in a folder without one.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "jdbc/shenhe", shareable = false)
    DataSource dataSource;
    /** PostgreSQL only: the schema the datasource's {@code currentSchema} names; created if missing. */
    @Inject
    @ConfigProperty(name = "DB_SCHEMA", defaultValue = "shenhe")
    String postgresSchema;
    /**
     * Test servers only: empty the schema before migrating, so that a database that outlives
     * test runs (the PostgreSQL one) starts every run as a fresh one would. Never set in production.
     */
    @Inject
    @ConfigProperty(name = "shenhe.db.clean-on-start", defaultValue = "false")
    boolean cleanOnStart;

    private boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ensureMigrated();
    }

    /**
     * Migrates once per application start, whoever asks first: the start event, or a bean that
     * reads the database while being created (the district directory) before that event reaches here.
     */
    public synchronized void ensureMigrated() {
        if (migrated) {
            return;
        }
        migrate();
        migrated = true;
    }

    private void migrate() {
        String vendor = vendorFolder();
        var config = Flyway.configure(Migrations.class.getClassLoader()).dataSource(dataSource);
        if ("postgresql".equals(vendor)) {
            config = config.schemas(postgresSchema).createSchemas(true);
        }
        if (cleanOnStart) {
            LOG.warning("shenhe.db.clean-on-start: emptying the database schema before migrating (test servers only)");
            config.cleanDisabled(false).load().clean();
        }
        MigrateResult result = config
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Database schema (" + vendor + ") at version " + result.targetSchemaVersion
                + ", " + result.migrationsExecuted + " migration(s) applied");
    }

    private String vendorFolder() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("Unsupported database: " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
    }
}
