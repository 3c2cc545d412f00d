package cn.shenhe.district;

import cn.shenhe.plugin.DistrictPlugins;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.ReviewMode;
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
        checkReviewMode(file, d);
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
