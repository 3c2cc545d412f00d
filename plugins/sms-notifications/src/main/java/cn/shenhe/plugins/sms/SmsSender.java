package cn.shenhe.plugins.sms;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.NoticeSender;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import cn.shenhe.plugin.api.SettingsSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pf4j.Extension;

/**
 * Sends each notice as a templated SMS through the district's HTTP gateway: one signed JSON POST
 * per notice; any answer but 2xx (or no answer in time) throws, and the host retries. Settings:
 * <pre>
 * settings:
 *   url: https://sms.example.cn/v1/send       # required (https, or http to a local relay)
 *   appId: shenhe-bj                          # optional, sent as is
 *   secret: { file: /run/secrets/sms-bj }     # or { env: SHENHE_SMS_SECRET }: the HMAC key, never in clear
 *   signName: 北京考区                          # optional: the SMS signature the gateway shows
 *   templates: { COMMENT: SMS_1001, STATUS: SMS_1002 }   # the gateway's template id per kind: required
 *   timeoutSeconds: 10
 * </pre>
 *
 * <p>The request: {@code POST url}, body
 * {@code {"appId","mobile","template","signName","params":{"title","text"}}} in UTF-8 JSON; headers
 * {@code X-Shenhe-Timestamp} (Unix seconds), {@code X-Shenhe-Nonce} (random, once per request) and
 * {@code X-Shenhe-Signature}: lower-case hex of HMAC-SHA256 under the secret over
 * {@code timestamp + "\n" + nonce + "\n" + body}. The gateway recomputes it, refuses an old
 * timestamp or a nonce seen before: a captured request can be neither altered nor replayed.
 */
@Extension
public class SmsSender implements NoticeSender, SettingsSchema {

    static final String TIMESTAMP = "X-Shenhe-Timestamp";
    static final String NONCE = "X-Shenhe-Nonce";
    static final String SIGNATURE = "X-Shenhe-Signature";
    /** Template parameters are short: an SMS is 70 Chinese characters before it is split. */
    static final int MAX_PARAM = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("短信通知", "SMS notices");
    }

    /** The templates are required, but the schema does not say so: the plugin also takes them in lower case. */
    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("url", Type.TEXT, LocalizedText.of("短信网关地址", "Gateway URL")).mandatory(),
                Setting.of("appId", Type.TEXT, LocalizedText.of("应用 ID", "App id")),
                Setting.of("secret", Type.SECRET, LocalizedText.of("签名密钥", "Signing key")).mandatory(),
                Setting.of("signName", Type.TEXT, LocalizedText.of("短信签名", "SMS signature")),
                Setting.of("templates.COMMENT", Type.TEXT, LocalizedText.of("审核意见的模板 ID", "Template id: comments")),
                Setting.of("templates.STATUS", Type.TEXT, LocalizedText.of("状态变化的模板 ID", "Template id: status changes")),
                Setting.number("timeoutSeconds", LocalizedText.of("超时(秒)", "Time-out (s)"), 10, 1, 300));
    }

    @Override
    public void validate(PluginSettings settings) {
        Gateway.of(settings);
        for (Notification.Kind kind : Notification.Kind.values()) {
            template(settings, kind);
        }
    }

    @Override
    public void send(Notification notification, String mobile, PluginSettings settings) throws IOException, InterruptedException {
        Gateway gateway = Gateway.of(settings);
        String body = body(notification, mobile, settings);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(gateway.url())
                .timeout(gateway.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP, timestamp)
                .header(NONCE, nonce)
                .header(SIGNATURE, sign(gateway.secret(), timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("SMS gateway answered " + response.statusCode());
        }
    }

    static String body(Notification n, String mobile, PluginSettings settings) {
        return "{\"appId\":" + json(settings.string("appId").orElse(""))
                + ",\"mobile\":" + json(mobile)
                + ",\"template\":" + json(template(settings, n.kind()))
                + ",\"signName\":" + json(settings.string("signName").orElse(""))
                + ",\"params\":{\"title\":" + json(clip(n.title().zh())) + ",\"text\":" + json(clip(n.body().zh())) + "}}";
    }

    /** Lower-case hex HMAC-SHA256 over {@code timestamp \n nonce \n body}. */
    public static String sign(String secret, String timestamp, String nonce, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "\n" + nonce + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String template(PluginSettings settings, Notification.Kind kind) {
        PluginSettings templates = settings.section("templates");
        return templates.string(kind.name()).or(() -> templates.string(kind.name().toLowerCase(Locale.ROOT)))
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(templates.path() + "." + kind.name() + ": the gateway's template id is required"));
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= MAX_PARAM ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_PARAM - 1)) + "…";
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Where and how to call the gateway, read and checked once per call. */
    record Gateway(URI url, String secret, Duration timeout) {
        static Gateway of(PluginSettings settings) {
            String url = settings.string("url").orElseThrow(() -> new IllegalArgumentException(settings.path() + ".url: required"));
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(settings.path() + ".url: not a URL: " + url);
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(settings.path() + ".url: not an http(s) URL: " + url);
            }
            String secret = settings.secret("secret")
                    .orElseThrow(() -> new IllegalArgumentException(settings.path() + ".secret: required ({env: NAME} or {file: /path})"));
            int timeout = settings.intValue("timeoutSeconds", 10);
            if (timeout < 1 || timeout > 300) {
                throw new IllegalArgumentException(settings.path() + ".timeoutSeconds: 1 to 300");
            }
            return new Gateway(uri, secret, Duration.ofSeconds(timeout));
        }
    }
}
