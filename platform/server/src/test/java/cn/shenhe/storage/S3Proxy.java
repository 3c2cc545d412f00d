package cn.shenhe.storage;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real s3proxy (filesystem backend) in its own process on a free loopback port, for the S3
 * store's tests: the jar the build copies ({@code it.s3proxy.jar}), started as
 * {@code scripts/s3proxy.sh} starts it. Stop and start it again to make the store unreachable and
 * back; its data outlives that.
 */
final class S3Proxy implements AutoCloseable {

    static final String BUCKET = "shenhe";
    private static final String ACCESS_KEY = "test";
    private static final String SECRET_KEY = "test-secret";

    private final Path dir;
    private final int port;
    private Process process;

    private S3Proxy(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static S3Proxy start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        S3Proxy proxy = new S3Proxy(dir, port);
        Files.createDirectories(dir.resolve("data").resolve(BUCKET));
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data")) + "\n");
        proxy.start();
        return proxy;
    }

    void start() throws Exception {
        String jar = System.getProperty("it.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No s3proxy jar at it.s3proxy.jar=" + jar + " (the build copies it in process-test-resources)");
        }
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--properties", dir.resolve("s3proxy.properties").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                stop();
                throw new IllegalStateException("s3proxy did not start; see " + dir.resolve("s3proxy.log"));
            }
            Thread.sleep(200);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;   // anonymous: 403, but it serves
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    S3BlobStore.Settings settings() {
        return new S3BlobStore.Settings(URI.create("http://127.0.0.1:" + port), BUCKET, "us-east-1", true, ACCESS_KEY, SECRET_KEY);
    }

    /** The bucket's folder: objects are files under it. */
    Path bucketDir() {
        return dir.resolve("data").resolve(BUCKET);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
