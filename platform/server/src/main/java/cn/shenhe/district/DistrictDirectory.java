package cn.shenhe.district;

import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.cluster.LogAdvanced;
import cn.shenhe.cluster.LoggedChanges;
import cn.shenhe.district.StoredConfigs.Stored;
import cn.shenhe.persistence.Migrations;
import cn.shenhe.security.Tenants;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every district the server serves, with the configuration in force. The database is the source
 * of truth: each district's configuration is versioned in {@code district_config_version} and
 * the highest version is in force. A tenant-config file only seeds its district ({@link ConfigSeeder}).
 * A document that fails to read or validate ({@link ConfigValidator}) is logged and listed in
 * {@link #loadErrors()} (the health check shows them); the other districts load regardless.
 *
 * <p>A change made through the API is installed at once ({@link #install}); other nodes install it
 * when they read its change-log row ({@link #onLogged}: within a poll of the log), or at the latest
 * within a minute ({@link #refresh}), or at once on {@code POST .../config/reload}.
 */
@ApplicationScoped
public class DistrictDirectory implements Tenants {

    private static final Logger LOG = Logger.getLogger(DistrictDirectory.class.getName());

    @Inject
    ConfigValidator validator;
    @Inject
    ConfigSeeder seeder;
    @Inject
    StoredConfigs storedConfigs;
    @Inject
    Migrations migrations;
    @Resource
    ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> backstop;

    /** A district's configuration in force, its version number and its YAML document. */
    public record Current(DistrictConfig config, int version, String document) {
    }

    private volatile Map<String, Current> districts = Map.of();
    private volatile List<TenantConfigException> loadErrors = List.of();

    @PostConstruct
    void load() {
        migrations.ensureMigrated();
        Map<String, Current> loaded = new TreeMap<>();
        List<TenantConfigException> errors = new ArrayList<>();
        Map<String, Stored> stored = storedConfigs.latest();
        for (Stored s : stored.values()) {
            try {
                loaded.put(s.district(), new Current(validator.validate(s.district(), s.document()), s.version(), s.document()));
            } catch (TenantConfigException e) {
                errors.add(new TenantConfigException(s.district() + " (version " + s.version() + ")", e.field(), problemOf(e)));
                LOG.severe(() -> "District configuration refused: " + e.getMessage());
            }
        }
        seeder.seed(stored, loaded, errors);
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

    /**
     * The follower's first round takes the log's end as its start (from = to): a version another node stored
     * between this node's loading its districts and that moment is read now, not at the next backstop.
     */
    void onFollowing(@Observes LogAdvanced advanced) {
        if (advanced.from() == advanced.to()) {
            refresh();
        }
    }

    /** A backstop for the change log: other nodes' changes arrive within a minute whatever happens. */
    void schedule(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (scheduler != null) {
            backstop = scheduler.scheduleWithFixedDelay(this::refresh, 60, 60, TimeUnit.SECONDS);
        }
    }

    /** A redeployed application's old instance must not go on refreshing (it failed with WELD-001303 once stopped). */
    @PreDestroy
    void stop() {
        if (backstop != null) backstop.cancel(false);
    }

    private static String problemOf(TenantConfigException e) {
        String prefix = e.file() + ": " + e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    public Optional<DistrictConfig> find(String code) {
        return current(code).map(Current::config);
    }

    @Override
    public boolean exists(String code) {
        return current(code).isPresent();
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
        Stored s = storedConfigs.latest().get(code);
        if (s != null) {
            install(code, s.version(), validator.validate(code, s.document()), s.document());
        }
        return current(code);
    }

    /** Installs every district's newer version from the database (changes made on other nodes). */
    void refresh() {
        try {
            for (Stored s : storedConfigs.latest().values()) {
                Current now = districts.get(s.district());
                if (now != null && now.version() < s.version()) {
                    try {
                        install(s.district(), s.version(), validator.validate(s.district(), s.document()), s.document());
                    } catch (TenantConfigException e) {
                        LOG.severe(() -> "District configuration refused on refresh: " + e.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "District configuration refresh failed; it will run again", e);
        }
    }
}
