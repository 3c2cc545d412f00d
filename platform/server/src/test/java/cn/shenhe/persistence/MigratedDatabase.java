package cn.shenhe.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database made afresh by the server's own migrations, for tests of the SQL that the application writes by hand:
 * an in-memory H2, or a schema of the test's own on the real PostgreSQL (127.0.0.1:5432, database {@code test}).
 */
public final class MigratedDatabase {

    private MigratedDatabase() {
    }

    /** {@code kind} is {@code h2} or {@code postgresql}; {@code name} tells this test's database from the others'. */
    public static DataSource migrated(String kind, String name) {
        DataSource ds;
        var flyway = Flyway.configure();
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            ds = h2;
        } else {
            String schema = System.getProperty("it.db.schema", "shenhe_it") + "_" + name;
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
            pg.setUser("postgres");
            ds = pg;
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            flyway = flyway.schemas(schema).createSchemas(true);
        }
        flyway.dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/" + kind).load().migrate();
        return ds;
    }
}
