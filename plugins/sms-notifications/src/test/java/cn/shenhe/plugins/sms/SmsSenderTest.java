package cn.shenhe.plugins.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real local HTTP endpoint: the signed request as a gateway sees it; a refusal throws. */
class SmsSenderTest {

    record Call(String body, String timestamp, String nonce, String signature) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer gateway;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", ex -> {
            calls.add(new Call(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst(SmsSender.TIMESTAMP), ex.getRequestHeaders().getFirst(SmsSender.NONCE),
                    ex.getRequestHeaders().getFirst(SmsSender.SIGNATURE)));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private PluginSettings settings() throws IOException {
        Path secret = dir.resolve("sms-secret");
        Files.writeString(secret, "gateway-secret\n");
        return new PluginSettings(Map.of("url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send",
                "appId", "shenhe-t", "secret", Map.of("file", secret.toString()),
                "templates", Map.of("COMMENT", "SMS_1001", "STATUS", "SMS_1002")));
    }

    private static Notification status(String zh) {
        return new Notification("t", "sub-1", "01JREG", Notification.Kind.STATUS, LocalizedText.of("报名状态:审核通过", "Status: approved"),
                LocalizedText.of(zh, "Approved \"quoted\""), Instant.now(), "/districts/t/registrations/01JREG");
    }

    @Test
    void aSignedTemplatedRequest() throws Exception {
        new SmsSender().send(status("审核通过"), "13800138000", settings());
        assertEquals(1, calls.size());
        Call c = calls.getFirst();
        assertEquals("{\"appId\":\"shenhe-t\",\"mobile\":\"13800138000\",\"template\":\"SMS_1002\",\"signName\":\"\","
                + "\"params\":{\"title\":\"报名状态:审核通过\",\"text\":\"审核通过\"}}", c.body());
        assertEquals(SmsSender.sign("gateway-secret", c.timestamp(), c.nonce(), c.body()), c.signature());
        assertTrue(Math.abs(Long.parseLong(c.timestamp()) - Instant.now().getEpochSecond()) < 5);
        // Another key, another body or another nonce gives another signature.
        assertTrue(!c.signature().equals(SmsSender.sign("other", c.timestamp(), c.nonce(), c.body())));
        assertTrue(!c.signature().equals(SmsSender.sign("gateway-secret", c.timestamp(), "n", c.body())));
    }

    @Test
    void longTextsAreClippedAndEscaped() throws Exception {
        String longText = "请重新上传\"身份证\"\n" + "很".repeat(100);
        new SmsSender().send(status(longText), "13800138000", settings());
        String body = calls.getFirst().body();
        assertTrue(body.contains("\"text\":\"请重新上传\\\"身份证\\\" 很很"), body);
        assertTrue(body.endsWith("很…\"}}"), body);
    }

    @Test
    void aRefusalThrowsSoTheHostRetries() throws Exception {
        status.set(500);
        IOException e = assertThrows(IOException.class, () -> new SmsSender().send(status("审核通过"), "13800138000", settings()));
        assertEquals("SMS gateway answered 500", e.getMessage());
    }

    @Test
    void settingsAreCheckedAndSecretsNeverInClear() throws Exception {
        SmsSender sender = new SmsSender();
        sender.validate(settings());
        Map<String, Object> clear = new java.util.HashMap<>(settings().asMap());
        clear.put("secret", "gateway-secret");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sender.validate(new PluginSettings(clear)))
                .getMessage().startsWith("settings.secret: a secret is named"));
        Map<String, Object> noTemplate = new java.util.HashMap<>(settings().asMap());
        noTemplate.put("templates", Map.of("STATUS", "SMS_1002"));
        assertEquals("settings.templates.COMMENT: the gateway's template id is required",
                assertThrows(IllegalArgumentException.class, () -> sender.validate(new PluginSettings(noTemplate))).getMessage());
        Map<String, Object> badUrl = new java.util.HashMap<>(settings().asMap());
        badUrl.put("url", "ftp://x/");
        assertThrows(IllegalArgumentException.class, () -> sender.validate(new PluginSettings(badUrl)));
    }
}
