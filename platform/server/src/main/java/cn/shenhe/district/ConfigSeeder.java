package cn.shenhe.district;

import cn.shenhe.district.DistrictDirectory.Current;
import cn.shenhe.district.StoredConfigs.Stored;
import cn.shenhe.persistence.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds districts from the tenant-config files ({@code shenhe.tenant-configs.dir}): a file whose district
 * is not in the database becomes its version 1, with an audit entry. A file whose district an administrator
 * has changed through the API is ignored: the database is the source of truth from then on. While nobody
 * has, a changed file is stored as the next version.
 */
@ApplicationScoped
public class ConfigSeeder {

    private static final Logger LOG = Logger.getLogger(ConfigSeeder.class.getName());

    @Inject
    @ConfigProperty(name = "shenhe.tenant-configs.dir")
    String configDir;
    @Inject
    ConfigValidator validator;
    @Inject
    StoredConfigs storedConfigs;
    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;

    /**
     * Seeds what the files bring beyond {@code stored} (the latest stored versions) into {@code loaded}; a
     * file refused is added to {@code errors}, and a file seeded takes the place of its stored version's error.
     */
    void seed(Map<String, Stored> stored, Map<String, Current> loaded, List<TenantConfigException> errors) {
        Path dir = Path.of(configDir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String code = name.substring(0, name.lastIndexOf('.'));
                Stored before = stored.get(code);
                try {
                    String document = Files.readString(file, StandardCharsets.UTF_8);
                    if (before != null && (!before.onlySeeded() || before.document().equals(document))) {
                        // The database is the source of truth once an administrator has changed the district.
                        if (!before.document().equals(document)) {
                            LOG.info(() -> name + ": district " + code + " is administered through the API; the file is ignored");
                        }
                        continue;
                    }
                    DistrictConfig d = validator.validateFile(name, document);
                    int version = store(d.code(), document, name, before == null ? 1 : before.version() + 1);
                    errors.removeIf(e -> e.file().startsWith(code + " (version "));
                    loaded.put(d.code(), new Current(d, version, document));
                } catch (TenantConfigException e) {
                    errors.add(e);
                    LOG.severe(() -> "District configuration refused: " + e.getMessage());
                } catch (IOException e) {
                    errors.add(new TenantConfigException(name, "(file)", "cannot be read: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the tenant-config directory " + dir.toAbsolutePath()
                    + " (shenhe.tenant-configs.dir)", e);
        }
    }

    /**
     * Stores a file's document as a version of its district (1, or the next one while nobody has
     * changed the district through the API and the file has changed), with an audit entry.
     */
    private int store(String code, String document, String file, int version) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement v = c.prepareStatement("INSERT INTO district_config_version (id, district_id, version_no, document,"
                    + " author_sub, author_username, created_at, summary) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO audit_event (id, district_id, at, actor_sub, actor_username,"
                         + " action, target_type, target_id, detail) VALUES (?, ?, ?, NULL, ?, 'district-config.seeded', 'district-config', ?, ?)")) {
                v.setString(1, Ids.next());
                v.setString(2, code);
                v.setInt(3, version);
                v.setString(4, document);
                v.setString(5, StoredConfigs.SEEDER);
                v.setObject(6, now);
                v.setString(7, (version == 1 ? "seeded from " : "seeded again from the changed ") + file);
                v.executeUpdate();
                a.setString(1, Ids.next());
                a.setString(2, code);
                a.setObject(3, now);
                a.setString(4, StoredConfigs.SEEDER);
                a.setString(5, code);
                a.setString(6, "{\"version\":" + version + ",\"file\":\"" + file.replace("\"", "") + "\"}");
                a.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                // Another node seeded it first: take what is stored.
                Stored s = storedConfigs.latest().get(code);
                if (s == null) {
                    throw e;
                }
                return s.version();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot seed district " + code + " from " + file, e);
        }
        LOG.info(() -> "District " + code + ": " + file + " stored as configuration version " + version);
        return version;
    }
}
