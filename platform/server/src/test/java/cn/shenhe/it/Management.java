package cn.shenhe.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The test server over HTTPS, chiefly for its {@code /metrics}, which Liberty serves over HTTPS only, to the user {@code metrics} with
 * basic authentication. The password is read from the file the server reads it from
 * ({@code it.metrics.password.file}: the test servers' {@code src/it/liberty/variables/metrics.password},
 * or the one {@code ./run.sh} generates, for the benchmarks). The server's certificate is the
 * self-signed one Liberty generated at its first start, so it is accepted without a check: this client
 * only ever talks to a server on this machine ({@code localhost}).
 */
public final class Management {

    public static final String BASE = "https://localhost:" + System.getProperty("it.https.port", "19443");

    /** A status, body and the response's headers. */
    public record Answer(int status, String body, Map<String, List<String>> headers) {
        /** The header's first value, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (name.equalsIgnoreCase(h.getKey())) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    private Management() {
    }

    /** The metrics' password as the server has it. */
    public static String password() {
        Path file = Path.of(System.getProperty("it.metrics.password.file", "src/it/liberty/variables/metrics.password"));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the /metrics password (" + file.toAbsolutePath() + ")", e);
        }
    }

    /** {@code GET BASE + path} as {@code user} with {@code password}, or without credentials when user is null. */
    public static Answer get(String path, String user, String password) {
        return get(BASE, path, user, password);
    }

    /** The same against another server on this machine ({@code https://localhost:PORT}). */
    public static Answer get(String base, String path, String user, String password) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) URI.create(base + path).toURL().openConnection();
            c.setSSLSocketFactory(TRUST_LOCAL_SERVER.getSocketFactory());
            c.setHostnameVerifier((host, session) -> "localhost".equals(host));
            c.setInstanceFollowRedirects(false);
            if (user != null) {
                c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            int status = c.getResponseCode();
            InputStream stream = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = "";
            if (stream != null) {
                try (InputStream in = stream) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, body, c.getHeaderFields());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base + path, e);
        }
    }

    /** The metrics as the {@code metrics} user sees them; fails unless they are served. */
    public static String metrics(String scope) {
        return metrics(BASE, scope);
    }

    /** The metrics of another server on this machine that shares the password file (scripts/bench-server.sh). */
    public static String metrics(String base, String scope) {
        Answer a = get(base, "/metrics?scope=" + scope, "metrics", password());
        if (a.status() != 200) {
            throw new IllegalStateException("GET /metrics answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    private static final SSLContext TRUST_LOCAL_SERVER = trustAny();

    private static SSLContext trustAny() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {any}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
