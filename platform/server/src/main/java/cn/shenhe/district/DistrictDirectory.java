package cn.shenhe.district;

import cn.shenhe.plugin.DistrictPlugins;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.registration.ExamCategory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every district the server serves, read from the tenant-config directory at start. A file that
 * fails to read or validate is logged and listed in {@link #loadErrors()} (the health check shows
 * them); the others load regardless.
 */
@ApplicationScoped
public class DistrictDirectory {

    private static final Logger LOG = Logger.getLogger(DistrictDirectory.class.getName());

    @Inject
    @ConfigProperty(name = "shenhe.tenant-configs.dir")
    String configDir;
    @Inject
    PluginHost plugins;
    @Inject
    DistrictPlugins districtPlugins;

    private volatile Map<String, DistrictConfig> districts = Map.of();
    private volatile List<TenantConfigException> loadErrors = List.of();

    @PostConstruct
    void load() {
        Map<String, DistrictConfig> loaded = new TreeMap<>();
        List<TenantConfigException> errors = new ArrayList<>();
        Path dir = Path.of(configDir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    DistrictConfig d = TenantConfigReader.read(name, r);
                    checkPlugins(name, d);
                    loaded.put(d.code(), d);
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
        districts = Collections.unmodifiableMap(loaded);
        loadErrors = List.copyOf(errors);
        LOG.info(() -> "Districts loaded: " + loaded.keySet() + (errors.isEmpty() ? "" : "; refused: " + errors.size()));
    }

    /** Every named plugin must be installed, and must accept its settings for every site and category. */
    private void checkPlugins(String file, DistrictConfig d) {
        for (int i = 0; i < d.plugins().size(); i++) {
            String id = d.plugins().get(i).id();
            if (!plugins.isStarted(id)) {
                throw new TenantConfigException(file, "plugins[" + i + "].id",
                        "no plugin '" + id + "' is installed (installed: " + plugins.startedPlugins() + ")");
            }
        }
        for (DistrictConfig.Site site : d.sites()) {
            for (ExamCategory category : ExamCategory.values()) {
                try {
                    districtPlugins.requirements(d, new RegistrationFacts(d.code(), site.code(), category.code(), d.examYear()));
                } catch (IllegalArgumentException e) {
                    throw new TenantConfigException(file, "plugins", e.getMessage());
                }
            }
        }
    }

    public Optional<DistrictConfig> find(String code) {
        return Optional.ofNullable(code == null ? null : districts.get(code));
    }

    public Collection<DistrictConfig> all() {
        return districts.values();
    }

    public List<TenantConfigException> loadErrors() {
        return loadErrors;
    }
}
