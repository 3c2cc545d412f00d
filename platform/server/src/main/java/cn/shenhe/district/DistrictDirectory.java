package cn.shenhe.district;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.LoggedChanges;
import cn.shenhe.persistence.Ids;
import cn.shenhe.persistence.Migrations;
import cn.shenhe.plugin.DistrictPlugins;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.GreyImage;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.MaterialCheck;
import cn.shenhe.plugin.api.MaterialRequirements;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.registration.ExamCategory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every district the server serves, with the configuration in force. The database is the source
 * of truth: each district's configuration is versioned in {@code district_config_version} and
 * the highest version is in force. A tenant-config file only seeds its district: at the first
 * start that sees it, the file becomes version 1; later edits go through the API (and a file
 * whose district is already in the database is ignored). A document that fails to read or
 * validate is logged and listed in {@link #loadErrors()} (the health check shows them); the other
 * districts load regardless.
 *
 * <p>A change made through the API is installed at once ({@link #install}); other nodes install it
 * when they read its change-log row ({@link #onLogged}: within a poll of the log), or at the latest
 * within a minute ({@link #refresh}), or at once on {@code POST .../config/reload}.
 */
@ApplicationScoped
public class DistrictDirectory {

    private static final Logger LOG = Logger.getLogger(DistrictDirectory.class.getName());
    /** Who made version 1 of a seeded district. */
    static final String SEEDER = "system";

    @Inject
    @ConfigProperty(name = "shenhe.tenant-configs.dir")
    String configDir;
    @Inject
    PluginHost plugins;
    @Inject
    DistrictPlugins districtPlugins;
    @Inject
    Instance<PluginSettingsCheck> settingsChecks;
    @Inject
    Migrations migrations;
    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** A district's configuration in force, its version number and its YAML document. */
    public record Current(DistrictConfig config, int version, String document) {
    }

    private record Stored(String district, int version, String document, String author) {
        /** Never changed through the API: every version so far came from the district's file. */
        boolean onlySeeded() {
            return SEEDER.equals(author) && version >= 1;
        }
    }

    private volatile Map<String, Current> districts = Map.of();
    private volatile List<TenantConfigException> loadErrors = List.of();

    @PostConstruct
    void load() {
        migrations.ensureMigrated();
        Map<String, Current> loaded = new TreeMap<>();
        List<TenantConfigException> errors = new ArrayList<>();
        Map<String, Stored> stored = latestStored();
        for (Stored s : stored.values()) {
            try {
                loaded.put(s.district(), new Current(validate(s.district(), s.document()), s.version(), s.document()));
            } catch (TenantConfigException e) {
                errors.add(new TenantConfigException(s.district() + " (version " + s.version() + ")", e.field(), problemOf(e)));
                LOG.severe(() -> "District configuration refused: " + e.getMessage());
            }
        }
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
                    DistrictConfig d = TenantConfigReader.read(name, new StringReader(document));
                    checkPlugins(name, d);
                    int version = seed(d.code(), document, name, before == null ? 1 : before.version() + 1);
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
        districts = Collections.unmodifiableMap(new TreeMap<>(loaded));
        loadErrors = List.copyOf(errors);
        LOG.info(() -> "Districts loaded: " + loaded.keySet() + (errors.isEmpty() ? "" : "; refused: " + errors.size()));
    }

    /** A configuration changed on another node (or on this one: then it is in force already, and nothing is installed). */
    void onLogged(@Observes LoggedChanges logged) {
        if (logged.entries().stream().anyMatch(e -> e.registrationId() == null && ChangeLog.CONFIG_CHANGED.equals(e.kind()))) {
            refresh();
        }
    }

    /** A backstop for the change log: other nodes' changes arrive within a minute whatever happens. */
    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (scheduler != null) {
            scheduler.scheduleWithFixedDelay(this::refresh, 60, 60, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads the document as {@code <code>.yaml} and checks it as a whole: every field, and every
     * plugin it names installed and accepting its settings for every site and exam category.
     */
    public DistrictConfig validate(String code, String document) {
        String name = code + ".yaml";
        DistrictConfig d = TenantConfigReader.read(name, new StringReader(document));
        checkPlugins(name, d);
        return d;
    }

    /** Every named plugin must be installed, and must accept its settings for every site and category. */
    private void checkPlugins(String file, DistrictConfig d) {
        for (int i = 0; i < d.plugins().size(); i++) {
            DistrictConfig.PluginUse use = d.plugins().get(i);
            if (!plugins.isStarted(use.id())) {
                throw new TenantConfigException(file, "plugins[" + i + "].id",
                        "no plugin '" + use.id() + "' is installed (installed: " + plugins.startedPlugins() + ")");
            }
            for (PluginSettingsCheck check : settingsChecks) {
                try {
                    check.check(use);
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file, settingsField(i, e.getMessage()), e);
                }
            }
            for (MaterialRequirements r : plugins.extensions(MaterialRequirements.class, use.id())) {
                for (DistrictConfig.Site site : d.sites()) {
                    for (ExamCategory category : ExamCategory.values()) {
                        try {
                            r.requiredFor(new RegistrationFacts(d.code(), site.code(), category.code(), d.examYear()), use.settings());
                        } catch (IllegalArgumentException e) {
                            throw new TenantConfigException(file, settingsField(i, e.getMessage()), e.getMessage());
                        }
                    }
                }
            }
        }
        checkReviewMode(file, d);
        for (DistrictConfig.Site site : d.sites()) {
            for (ExamCategory category : ExamCategory.values()) {
                RegistrationFacts facts = new RegistrationFacts(d.code(), site.code(), category.code(), d.examYear());
                try {
                    checkUploadChecks(file, d, facts, districtPlugins.requirements(d, facts));
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file, "plugins", e.getMessage());
                }
            }
        }
    }

    /** A blank picture of every material type through every upload check: bad check settings are refused now, not at an upload. */
    private void checkUploadChecks(String file, DistrictConfig d, RegistrationFacts facts, List<DistrictPlugins.RequiredType> types) {
        GreyImage probe = new GreyImage(8, 8, new byte[64]);
        for (int i = 0; i < d.plugins().size(); i++) {
            DistrictConfig.PluginUse use = d.plugins().get(i);
            for (MaterialCheck check : plugins.extensions(MaterialCheck.class, use.id())) {
                for (DistrictPlugins.RequiredType type : types) {
                    try {
                        check.check(facts, new ImageFacts(type.type().code(), ImageFormat.JPEG, 64, 8, 8), probe, use.settings());
                    } catch (IllegalArgumentException e) {
                        throw new TenantConfigException(file, settingsField(i, e.getMessage()), e.getMessage());
                    }
                }
            }
        }
    }

    /** The review-mode plugin must provide a mode, accept its settings, and offer slots only at the district's sites. */
    private void checkReviewMode(String file, DistrictConfig d) {
        int index = 0;
        while (!d.plugins().get(index).id().equals(d.review().mode())) {
            index++;
        }
        String at = "plugins[" + index + "]";
        try {
            ReviewMode mode = districtPlugins.reviewMode(d);
            mode.bookingCutoff(d.reviewSettings());
            for (AppointmentSlot slot : mode.slots(d.reviewSettings())) {
                if (d.site(slot.site()).isEmpty()) {
                    throw new TenantConfigException(file, at + ".settings.slots",
                            "slot " + slot.id() + " is at '" + slot.site() + "', which is not a site of this district");
                }
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            boolean namesSetting = message != null && message.startsWith("settings");
            throw new TenantConfigException(file, namesSetting ? at + "." + message.substring(0, message.indexOf(':')) : "review.mode",
                    namesSetting ? message.substring(message.indexOf(':') + 1).trim() : message);
        }
    }

    /** {@code plugins[0].settings.types.id-card.max} from a plugin's "settings.types.id-card.max: ..." message. */
    static String settingsField(int plugin, String message) {
        String prefix = "plugins[" + plugin + "]";
        if (message != null && message.startsWith("settings")) {
            int colon = message.indexOf(':');
            return prefix + "." + (colon < 0 ? message : message.substring(0, colon)).trim();
        }
        return prefix + ".settings";
    }

    private static String problemOf(TenantConfigException e) {
        String prefix = e.file() + ": " + e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    public Optional<DistrictConfig> find(String code) {
        return current(code).map(Current::config);
    }

    public Optional<Current> current(String code) {
        return Optional.ofNullable(code == null ? null : districts.get(code));
    }

    public Collection<DistrictConfig> all() {
        return districts.values().stream().map(Current::config).toList();
    }

    public List<TenantConfigException> loadErrors() {
        return loadErrors;
    }

    /**
     * Puts a committed version in force on this node, unless a newer one already is.
     *
     * @return whether it was installed
     */
    public synchronized boolean install(String code, int version, DistrictConfig config, String document) {
        Current now = districts.get(code);
        if (now != null && now.version() >= version) {
            return false;
        }
        Map<String, Current> next = new TreeMap<>(districts);
        next.put(code, new Current(config, version, document));
        districts = Collections.unmodifiableMap(next);
        LOG.info(() -> "District " + code + ": configuration version " + version + " in force");
        return true;
    }

    /** Re-reads the latest version of one district from the database; returns what is now in force. */
    public Optional<Current> reload(String code) {
        Stored s = latestStored().get(code);
        if (s != null) {
            install(code, s.version(), validate(code, s.document()), s.document());
        }
        return current(code);
    }

    /** Installs every district's newer version from the database (changes made on other nodes). */
    void refresh() {
        try {
            for (Stored s : latestStored().values()) {
                Current now = districts.get(s.district());
                if (now != null && now.version() < s.version()) {
                    try {
                        install(s.district(), s.version(), validate(s.district(), s.document()), s.document());
                    } catch (TenantConfigException e) {
                        LOG.severe(() -> "District configuration refused on refresh: " + e.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "District configuration refresh failed; it will run again", e);
        }
    }

    /** The latest stored version of every district (a system read across districts: plain JDBC). */
    private Map<String, Stored> latestStored() {
        Map<String, Stored> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT v.district_id, v.version_no, v.document, v.author_username FROM district_config_version v"
                     + " WHERE v.version_no = (SELECT MAX(w.version_no) FROM district_config_version w WHERE w.district_id = v.district_id)");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the district configurations", e);
        }
        return out;
    }

    /**
     * Stores a file's document as a version of its district (1, or the next one while nobody has
     * changed the district through the API and the file has changed), with an audit entry.
     */
    private int seed(String code, String document, String file, int version) {
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
                v.setString(5, SEEDER);
                v.setObject(6, now);
                v.setString(7, (version == 1 ? "seeded from " : "seeded again from the changed ") + file);
                v.executeUpdate();
                a.setString(1, Ids.next());
                a.setString(2, code);
                a.setObject(3, now);
                a.setString(4, SEEDER);
                a.setString(5, code);
                a.setString(6, "{\"version\":" + version + ",\"file\":\"" + file.replace("\"", "") + "\"}");
                a.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                // Another node seeded it first: take what is stored.
                Stored s = latestStored().get(code);
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
