package cn.shenhe.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The directions between the server's packages and between the modules, read from the compiled classes
 * (the reactor builds the plugin API and the plugins before the server). The plugin API is what plugins
 * compile against and what the server promises to keep: it must not lean on the server, and a plugin must
 * lean on nothing but it, or a server change would break plugins that never asked for it.
 */
class ArchitectureTest {

    private static final Path REPO = Path.of(System.getProperty("repo.root", "../.."));

    /**
     * Two-way dependencies between the server's top-level packages that exist today and are to be removed
     * (issue 17 §3): the list may only shrink. A new pair fails, and so does a listed pair that is gone, so
     * that it is struck off here and cannot come back unnoticed.
     */
    private static final Set<String> KNOWN_CYCLES = Set.of();

    @Test
    void pluginApiDependsOnNothingOfTheServer() {
        JavaClasses api = new ClassFileImporter().importPath(REPO.resolve("platform/plugin-api/target/classes"));
        assertTrue(api.size() > 10, "plugin API classes found: " + api.size());
        assertEquals(List.of(), offending(api, "cn.shenhe.plugin.api"));
    }

    @Test
    void pluginsDependOnlyOnThePluginApi() throws IOException {
        List<Path> plugins;
        try (Stream<Path> dirs = Files.list(REPO.resolve("plugins"))) {
            plugins = dirs.map(d -> d.resolve("target/classes")).filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(plugins.size() >= 8, "plugins built: " + plugins);
        for (Path classes : plugins) {
            JavaClasses plugin = new ClassFileImporter().importPath(classes);
            String own = plugin.stream().map(JavaClass::getPackageName).min(String::compareTo).orElseThrow();
            assertEquals(List.of(), offending(plugin, "cn.shenhe.plugin.api", own), classes.toString());
        }
    }

    @Test
    void noNewCyclesBetweenTheServersPackages() {
        JavaClasses server = new ClassFileImporter().importPath(Path.of("target/classes"));
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : server) {
            String from = topLevel(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getPackageName();
                if (to.startsWith("cn.shenhe.") && !to.startsWith("cn.shenhe.plugin.api") && !topLevel(to).equals(from)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(topLevel(to));
                }
            }
        }
        Set<String> cycles = new TreeSet<>();
        uses.forEach((a, targets) -> targets.forEach(b -> {
            if (a.compareTo(b) < 0 && uses.getOrDefault(b, Set.of()).contains(a)) cycles.add(a + " <-> " + b);
        }));
        assertEquals(new TreeSet<>(KNOWN_CYCLES), cycles, "two-way dependencies between top-level packages");
    }

    /** cn.shenhe.registration.web -> registration; classes directly in cn.shenhe -> "" (the application class). */
    private static String topLevel(String pkg) {
        String rest = pkg.equals("cn.shenhe") ? "" : pkg.substring("cn.shenhe.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Dependencies on cn.shenhe classes outside the allowed packages (and their sub-packages). */
    private static List<String> offending(JavaClasses classes, String... allowed) {
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getPackageName();
                if (to.startsWith("cn.shenhe") && Stream.of(allowed).noneMatch(a -> to.equals(a) || to.startsWith(a + "."))) {
                    found.add(d.getDescription());
                }
            }
        }
        return found;
    }
}
