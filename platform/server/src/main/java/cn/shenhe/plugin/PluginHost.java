package cn.shenhe.plugin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Owns the PF4J plugin manager for the application's life. Plugins are loaded once at start
 * (PluginManager is not thread-safe for loading; reads after start are). Extensions are looked up
 * per plugin id, so a district only ever gets extensions of the plugins it names.
 */
@ApplicationScoped
public class PluginHost {

    /** The plugin API version this host offers; plugins declare {@code Plugin-Requires} against it. */
    public static final String API_VERSION = "1.4.0";
    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    @Inject
    @ConfigProperty(name = "shenhe.plugins.dir")
    String pluginsDir;

    private PluginManager manager;

    @PostConstruct
    void start() {
        Path dir = Path.of(pluginsDir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Plugins directory " + dir.toAbsolutePath() + " does not exist (shenhe.plugins.dir)");
        }
        manager = new DefaultPluginManager(dir);
        manager.setSystemVersion(API_VERSION);
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper p : manager.getPlugins()) {
            LOG.info(() -> "Plugin " + p.getPluginId() + " " + p.getDescriptor().getVersion() + ": " + p.getPluginState());
        }
    }

    @PreDestroy
    void stop() {
        // Stop one by one over a copy: stopPlugins() throws ConcurrentModificationException (pf4j#656).
        for (PluginWrapper p : new ArrayList<>(manager.getStartedPlugins())) {
            manager.stopPlugin(p.getPluginId());
        }
        for (PluginWrapper p : new ArrayList<>(manager.getPlugins())) {
            manager.unloadPlugin(p.getPluginId());
        }
    }

    /** The ids of the plugins that started. */
    public Set<String> startedPlugins() {
        Set<String> ids = new TreeSet<>();
        manager.getStartedPlugins().forEach(p -> ids.add(p.getPluginId()));
        return ids;
    }

    public boolean isStarted(String pluginId) {
        PluginWrapper p = manager.getPlugin(pluginId);
        return p != null && p.getPluginState() == PluginState.STARTED;
    }

    /** A started plugin's version, from its manifest. */
    public String version(String pluginId) {
        return manager.getPlugin(pluginId).getDescriptor().getVersion();
    }

    /** The extensions of one type that one plugin provides (empty if it is not started). */
    public <T> List<T> extensions(Class<T> type, String pluginId) {
        if (!isStarted(pluginId)) {
            return List.of();
        }
        return manager.getExtensions(type, pluginId);
    }

    /** A resource from inside a plugin's jar, e.g. a sample image. */
    public Optional<byte[]> resource(String pluginId, String path) {
        if (!isStarted(pluginId)) {
            return Optional.empty();
        }
        ClassLoader loader = manager.getPluginClassLoader(pluginId);
        String name = path.startsWith("/") ? path.substring(1) : path;
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
