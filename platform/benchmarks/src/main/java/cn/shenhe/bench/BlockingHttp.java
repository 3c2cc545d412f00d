package cn.shenhe.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' HTTP client: the blocking {@code HttpURLConnection}, connections kept alive.
 * Not {@code java.net.http.HttpClient}: its hand-offs between its selector and executor threads
 * added to every request time that is the client's, not the server's (it doubled an ID search's
 * median against {@code wrk}: docs/benchmarks.md).
 */
public final class BlockingHttp {

    /** A response: status, body, and the Server-Timing header (null when absent). */
    public record Answer(int status, String body, String serverTiming) {
    }

    private BlockingHttp() {
    }

    /** Sends the request and reads the whole answer; throws unless the status is {@code expected}. */
    public static Answer expect(int expected, String method, String url, String token, String contentType, byte[] body)
            throws Exception {
        Answer a = exchange(method, url, token, contentType, body);
        if (a.status() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + a.status() + ": " + a.body());
        }
        return a;
    }

    public static Answer exchange(String method, String url, String token, String contentType, byte[] body)
            throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (body == null && (method.equals("POST") || method.equals("PUT"))) {
            body = new byte[0];   // an explicit Content-Length: 0
        }
        if (body != null) {
            c.setDoOutput(true);
            if (contentType != null) {
                c.setRequestProperty("Content-Type", contentType);
            }
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream stream = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = "";
        if (stream != null) {
            try (InputStream in = stream) {   // read to the end, so the connection goes back to the pool
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Answer(status, text, c.getHeaderField("Server-Timing"));
    }
}
