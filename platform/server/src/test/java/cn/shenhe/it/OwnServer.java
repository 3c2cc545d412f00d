package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Liberty server of a test's own, for tests that stop, kill or starve a server: the H2 test server's
 * configuration (Keycloak, plugins, districts) with other ports, its own data folder, and the bootstrap
 * properties given (by default H2, whose database survives the server's restarts).
 */
record OwnServer(int port, int httpsPort, String name, Path dir, Map<String, String> bootstrap) {

    private static final List<String> RUNTIME_STATE = List.of("workarea", "logs", "dropins", "apps", "data");
    private static final Path WLP = Path.of(System.getProperty("it.wlp.home", "target/liberty/wlp"));
    static final int HTTP = Integer.parseInt(System.getProperty("it.http.port", "19080"));
    static final int HTTPS = Integer.parseInt(System.getProperty("it.https.port", "19443"));

    /**
     * The test servers' ports plus {@code offset}, so that parallel builds with other ports never meet
     * (offsets from 31 up: the test Keycloak's management port is the HTTP port + 20 by default).
     */
    OwnServer(int offset, Map<String, String> bootstrap) {
        this(HTTP + offset, HTTPS + offset, "shenhe-own-" + (HTTP + offset),
                WLP.resolve("usr/servers").resolve("shenhe-own-" + (HTTP + offset)), bootstrap);
    }

    OwnServer(int offset) {
        this(offset, Map.of("db.kind", "h2", "shenhe.db.clean-on-start", "false"));
    }

    String base() {
        return "http://localhost:" + port;
    }

    String v1() {
        return base() + "/api/v1";
    }

    void create() throws IOException {
        delete();
        Path source = WLP.resolve("usr/servers").resolve("shenhe-it-h2-" + HTTP);
        // Walk only the configuration: the running test server's workarea changes under a walk that enters it.
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path from, BasicFileAttributes attrs) throws IOException {
                Path rel = source.relativize(from);
                if (rel.getNameCount() == 1 && RUNTIME_STATE.contains(rel.toString())) return FileVisitResult.SKIP_SUBTREE;
                Files.createDirectories(dir.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path from, BasicFileAttributes attrs) throws IOException {
                Files.copy(from, dir.resolve(source.relativize(from).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        Files.writeString(dir.resolve("configDropins/overrides/zz-own-server.xml"), """
                <server>
                    <variable name="http.port" value="%d"/>
                    <variable name="https.port" value="%d"/>
                </server>
                """.formatted(port, httpsPort));
        StringBuilder props = new StringBuilder();
        bootstrap.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("bootstrap.properties"), props);
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("it.war", "target/shenhe.war")), dir.resolve("dropins/shenhe.war"));
    }

    void start() throws IOException, InterruptedException {
        assertEquals(0, run("start"), "server start " + name);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not ready within 240 s; see " + dir.resolve("logs/messages.log"));
    }

    void stop() throws IOException, InterruptedException {
        if (Files.exists(dir)) run("stop");
    }

    void kill9() throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + name + ".pid")).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        assertTrue(server.destroyForcibly(), "SIGKILL sent");   // SIGKILL on Linux
        server.onExit().get(60, TimeUnit.SECONDS);
    }

    private int run(String action) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(Path.of("target")).resolve(name + ".out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Its log kept beside the build's other output, for a failure's reader. */
    void delete() throws IOException {
        if (!Files.exists(dir)) return;
        Path log = dir.resolve("logs/messages.log");
        if (Files.exists(log)) {
            Files.copy(log, Files.createDirectories(Path.of("target")).resolve(name + "-messages.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
