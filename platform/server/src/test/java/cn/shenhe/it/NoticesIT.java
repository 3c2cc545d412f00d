package cn.shenhe.it;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notices by e-mail and SMS, on the real server: a review decision and a comment needing the
 * candidate's action reach a real SMTP server (GreenMail, started here) and a local SMS gateway
 * (a JDK HTTP server, started here, checking each request's HMAC signature); a gateway answering
 * 500 is retried with growing gaps, then given up and reported to the district's admins (inbox and
 * listing, not to another district's admin), and sent once more when the admin asks; a reviewer's
 * decision returns while the mail server hangs; claimers racing for the outbox never take one row twice.
 * The districts' e-mail and SMS plugins are turned on through the configuration API, as an admin does.
 */
@ExtendWith(ArquillianExtension.class)
class NoticesIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("notice@shenhe.test", "notice", "smtp-pass"))
            .withPerMethodLifecycle(false);

    record Call(String path, String body, long atNanos) {
    }

    static final String SMS_SECRET = "gateway-secret-for-tests";
    static final List<Call> calls = new CopyOnWriteArrayList<>();
    /** What each gateway path answers. */
    static final Map<String, Integer> answers = new ConcurrentHashMap<>();
    static final List<String> badSignatures = new CopyOnWriteArrayList<>();
    static HttpServer gateway;
    static ServerSocket blackHole;
    static final List<Socket> swallowed = new CopyOnWriteArrayList<>();
    static Path secrets;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application().addClasses(NoticeTrigger.class, NoticeTrigger.Firer.class, NoticeTrigger.RolledBack.class,
                OutboxRace.class);
    }

    @BeforeAll
    static void start() throws IOException {
        secrets = Files.createTempDirectory("notices-it");
        Files.writeString(secrets.resolve("sms-secret"), SMS_SECRET + "\n");
        Files.writeString(secrets.resolve("smtp-password"), "smtp-pass");
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = ex.getRequestHeaders().getFirst("X-Shenhe-Timestamp");
            String nonce = ex.getRequestHeaders().getFirst("X-Shenhe-Nonce");
            if (ts == null || nonce == null || !hmac(ts + "\n" + nonce + "\n" + body).equals(ex.getRequestHeaders().getFirst("X-Shenhe-Signature"))) {
                badSignatures.add(body);
                ex.sendResponseHeaders(401, -1);
            } else {
                calls.add(new Call(ex.getRequestURI().getPath(), body, System.nanoTime()));
                ex.sendResponseHeaders(answers.getOrDefault(ex.getRequestURI().getPath(), 200), -1);
            }
            ex.close();
        });
        gateway.start();
        // An SMTP server that takes the connection and never says a word.
        blackHole = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (!blackHole.isClosed()) {
                try {
                    swallowed.add(blackHole.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.stop(0);
        blackHole.close();
        for (Socket s : swallowed) {
            s.close();
        }
    }

    static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SMS_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The district's configuration with e-mail (to {@code smtpPort}) and SMS (to the gateway's {@code path}) turned on. */
    static void turnOnNotices(String admin, String d, int smtpPort, String smsPath, String retry) {
        String yaml = """
                code: %1$s
                name: { zh: 测试考区(通知), en: Test district (notices) }
                examYear: 2027
                review: { mode: online-review, claimMinutes: 15, publishOutcomes: immediately }
                uploadWindow: { opens: 2020-01-01T00:00:00+08:00, closes: 2099-12-31T23:59:59+08:00 }
                watermark: 测试考区
                sites:
                  - code: %1$s-01
                    name: { zh: 测试考点一, en: Test site 1 }
                plugins:
                  - id: standard-materials
                  - id: online-review
                  - id: inapp-notifications
                  - id: mail-notifications
                    settings:
                      smtp: { host: 127.0.0.1, port: %2$d, security: none, username: notice, password: { file: "%3$s" } }
                      from: notice@shenhe.test
                      fromName: 测试考区报名审核
                      subjectPrefix: 【报名审核】
                      timeoutSeconds: 10
                      retry: %6$s
                  - id: sms-notifications
                    settings:
                      url: http://127.0.0.1:%4$d%5$s
                      secret: { file: "%7$s" }
                      templates: { COMMENT: SMS_1001, STATUS: SMS_1002 }
                      retry: %6$s
                """.formatted(d, smtpPort, secrets.resolve("smtp-password"), gateway.getAddress().getPort(), smsPath, retry,
                secrets.resolve("sms-secret"));
        Api.as(admin).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).put("/districts/" + d + "/config")
                .then().statusCode(200);
    }

    static String register(String token, String d, String phone) {
        return Api.as(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + d + "-01\",\"phone\":\"" + phone + "\"}")
                .post("/districts/" + d + "/registrations").then().statusCode(201).extract().jsonPath().getString("id");
    }

    static Response review(String token, String d, String r, String json) {
        return Api.as(token).contentType("application/json").body(json).post("/districts/" + d + "/registrations/" + r + "/reviews");
    }

    /** Approves the first three pictures, asks for the fourth again with a comment, and returns the registration. */
    static Response returnWithComment(String siteReviewer, String d, String r, List<String> images) {
        Api.as(siteReviewer).put("/districts/" + d + "/registrations/" + r + "/claim").then().statusCode(200);
        return review(siteReviewer, d, r, "{\"level\":\"SITE\",\"images\":["
                + "{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(1) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(2) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(3) + "\",\"decision\":\"REQUEST_CHANGES\",\"comment\":\"执业证明照片模糊,请重新上传\"}],"
                + "\"outcome\":\"RETURN\"}");
    }

    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    static List<Call> callsTo(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aCommentAndEachDecisionReachTheCandidateByMailAndSms() throws Exception {
        String d = "tnotice";
        Keycloak.User candidateUser = Keycloak.createUser("candidate", d, null);
        String candidate = candidateUser.token();
        String site = Keycloak.createUser("site-reviewer", d, d + "-01").token();
        String district = Keycloak.createUser("district-reviewer", d, null).token();
        String admin = Keycloak.createUser("district-admin", d, null).token();
        turnOnNotices(admin, d, smtp.getSmtp().getPort(), "/tnotice", "{ attempts: 3, firstDelay: PT1S }");
        String email = candidateUser.username() + "@example.cn";   // the account's verified address, from the token
        String r = register(candidate, d, "13800138000");
        List<String> images = Api.completeMaterials(candidate, d, r);

        // A comment that needs the candidate's action.
        returnWithComment(site, d, r, images).then().statusCode(200).body("status", equalTo("FILLING"));
        await("the comment's e-mail and SMS", Duration.ofSeconds(20), () -> mailTo(email).size() == 1 && callsTo("/tnotice").size() == 1);
        MimeMessage comment = mailTo(email).getFirst();
        assertEquals("【报名审核】您的报名材料有新的审核意见", comment.getSubject());
        String text = ((String) comment.getContent()).replace("\r\n", "\n");
        assertTrue(text.startsWith("您的报名材料有新的审核意见\n\n执业证明照片模糊,请重新上传"), text);
        JsonPath sms = new JsonPath(callsTo("/tnotice").getFirst().body());
        assertEquals("13800138000", sms.getString("mobile"));
        assertEquals("SMS_1001", sms.getString("template"));
        assertEquals("执业证明照片模糊,请重新上传", sms.getString("params.text"));

        // 考点通过, then 审核通过: each a status notice by both.
        Api.as(candidate).delete("/districts/" + d + "/registrations/" + r + "/images/" + images.get(3)).then().statusCode(204);
        String proof = Api.upload(candidate, d, r, "practice-proof", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("id");
        Api.as(site).put("/districts/" + d + "/registrations/" + r + "/claim").then().statusCode(200);
        review(site, d, r, "{\"level\":\"SITE\",\"images\":[{\"imageId\":\"" + proof + "\",\"decision\":\"APPROVE\"}],\"outcome\":\"PASS\"}")
                .then().statusCode(200).body("status", equalTo("SITE_PASSED"));
        Api.as(district).post("/districts/" + d + "/review-queue/claims?level=DISTRICT").then().statusCode(200);
        review(district, d, r, "{\"level\":\"DISTRICT\",\"outcome\":\"APPROVE\"}").then().statusCode(200).body("status", equalTo("APPROVED"));
        await("three e-mails and three SMS", Duration.ofSeconds(20), () -> mailTo(email).size() == 3 && callsTo("/tnotice").size() == 3);
        List<String> subjects = mailTo(email).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertTrue(subjects.contains("【报名审核】报名状态:考点通过"), subjects.toString());
        assertTrue(subjects.contains("【报名审核】报名状态:审核通过"), subjects.toString());
        List<JsonPath> texts = callsTo("/tnotice").stream().map(c -> new JsonPath(c.body())).toList();
        assertEquals(List.of("SMS_1001", "SMS_1002", "SMS_1002"), texts.stream().map(j -> j.getString("template")).sorted().toList());
        assertTrue(texts.stream().anyMatch(j -> j.getString("params.title").equals("报名状态:审核通过")));
        assertEquals(List.of(), badSignatures);

        // The admin's listing: all six sent, once each, addresses masked; nobody else's to read.
        Thread.sleep(1500);
        assertEquals(3, mailTo(email).size());
        assertEquals(3, callsTo("/tnotice").size());
        Api.as(admin).get("/districts/" + d + "/notices?status=SENT").then().statusCode(200)
                .body("", hasSize(6))
                .body("channel", everyItem(anyOf(is("EMAIL"), is("SMS"))))
                .body("address", hasItem("138****8000"))
                .body("address", hasItem(email.charAt(0) + "***@example.cn"))
                .body("attempts", everyItem(equalTo(1)));
        Api.as(admin).get("/districts/" + d + "/notices").then().statusCode(200).body("", hasSize(0));   // none failed
        Api.as(candidate).get("/districts/" + d + "/notices").then().statusCode(403);
        Api.as(site).get("/districts/" + d + "/notices").then().statusCode(403);
        Api.as(admin).get("/districts/" + d + "/notices?status=LOST").then().statusCode(422).body("code", equalTo("invalid-field"));
    }

    @Test
    void aFailingGatewayIsRetriedWithBackoffThenReportedToTheDistrictAdmin() throws Exception {
        String d = "tnoticefail";
        String admin = Keycloak.createUser("district-admin", d, null).token();
        String otherAdmin = Keycloak.createUser("district-admin", "tnotice", null).token();
        answers.put("/fail", 500);
        turnOnNotices(admin, d, smtp.getSmtp().getPort(), "/fail", "{ attempts: 3, firstDelay: PT0.5S, maxDelay: PT10S }");
        String candidate = Keycloak.createUser("candidate", d, null).token();
        String r = register(candidate, d, "13900139000");
        NotificationsIT.fire(d, r, NotificationsIT.subjectOf(candidate), "STATUS", "审核通过", false);

        await("three tries", Duration.ofSeconds(30), () -> callsTo("/fail").size() >= 3);
        List<Call> tries = callsTo("/fail");
        long gap1 = (tries.get(1).atNanos() - tries.get(0).atNanos()) / 1_000_000;
        long gap2 = (tries.get(2).atNanos() - tries.get(1).atNanos()) / 1_000_000;
        assertTrue(gap1 >= 500, "first retry after the first delay: " + gap1 + " ms");
        assertTrue(gap2 >= 1000, "second retry after twice that: " + gap2 + " ms");
        await("given up and listed", Duration.ofSeconds(10), () -> failedSms(admin, d).size() == 1);
        Thread.sleep(2500);
        assertEquals(3, callsTo("/fail").size(), "no try after the last");
        Map<String, Object> row = failedSms(admin, d).getFirst();
        assertEquals("139****9000", row.get("address"));
        assertEquals(3, row.get("attempts"));
        assertEquals("IOException: SMS gateway answered 500", row.get("lastError"));
        assertEquals(r, row.get("registrationId"));

        // Told in the admin's inbox (one report, however many notices failed); not another district's admin.
        Api.as(admin).get("/me/notifications").then().statusCode(200)
                .body("items.find { it.kind == 'NOTICE_FAILED' }.title.zh", equalTo("短信通知发送失败"))
                .body("items.findAll { it.kind == 'NOTICE_FAILED' && it.title.zh == '短信通知发送失败' }", hasSize(1));
        Api.as(otherAdmin).get("/me/notifications").then().body("items.findAll { it.kind == 'NOTICE_FAILED' }", hasSize(0));
        Api.as(otherAdmin).get("/districts/" + d + "/notices?status=FAILED").then().statusCode(anyOf(is(403), is(404)));
        Api.as(candidate).get("/me/notifications").then().body("items.findAll { it.kind == 'NOTICE_FAILED' }", hasSize(0));

        // Mended: the admin sends it again, once.
        answers.put("/fail", 200);
        String id = (String) row.get("id");
        Api.as(otherAdmin).post("/districts/" + d + "/notices/" + id + "/resend").then().statusCode(anyOf(is(403), is(404)));
        Api.as(admin).post("/districts/" + d + "/notices/" + id + "/resend").then().statusCode(200).body("status", equalTo("PENDING"));
        await("sent again", Duration.ofSeconds(15), () -> callsTo("/fail").size() == 4);
        await("listed as sent", Duration.ofSeconds(10), () -> Api.as(admin).get("/districts/" + d + "/notices?status=SENT")
                .jsonPath().getList("id").contains(id));
        Api.as(admin).post("/districts/" + d + "/notices/" + id + "/resend").then().statusCode(404).body("code", equalTo("not-found"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> failedSms(String admin, String d) {
        List<Map<String, Object>> rows = Api.as(admin).get("/districts/" + d + "/notices?status=FAILED").then().statusCode(200)
                .extract().jsonPath().getList("", Map.class).stream().map(m -> (Map<String, Object>) m).toList();
        return rows.stream().filter(m -> "SMS".equals(m.get("channel"))).toList();
    }

    @Test
    void aReviewerNeverWaitsForTheMailServer() throws Exception {
        String d = "tnoticeslow";
        String admin = Keycloak.createUser("district-admin", d, null).token();
        String site = Keycloak.createUser("site-reviewer", d, d + "-01").token();
        turnOnNotices(admin, d, blackHole.getLocalPort(), "/slow", "{ attempts: 2, firstDelay: PT1S }");
        String first = Keycloak.createUser("candidate", d, null).token();
        String second = Keycloak.createUser("candidate", d, null).token();
        String r1 = register(first, d, "13700137001");
        String r2 = register(second, d, "13700137002");
        List<String> images1 = Api.completeMaterials(first, d, r1);
        List<String> images2 = Api.completeMaterials(second, d, r2);

        int before = swallowed.size();
        long t0 = System.nanoTime();
        returnWithComment(site, d, r1, images1).then().statusCode(200);
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        // The worker is now stuck on the silent mail server (10 s time-out): the next decision does not queue behind it.
        await("the worker connects to the silent SMTP server", Duration.ofSeconds(15), () -> swallowed.size() > before);
        long t1 = System.nanoTime();
        returnWithComment(site, d, r2, images2).then().statusCode(200);
        long secondMillis = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(firstMillis < 5000 && secondMillis < 5000,
                "decisions answered in " + firstMillis + " and " + secondMillis + " ms while SMTP hangs for 10 s");
        // The candidates are told in the application at once, whatever the mail server does.
        Api.as(second).get("/me/notifications").then().body("items[0].kind", equalTo("COMMENT"));
    }

    @Test
    void twoClaimersNeverTakeTheSameNotice() {
        JsonPath result = Api.anonymous().queryParam("rows", 400).queryParam("claimers", 2).queryParam("batch", 7)
                .post("/it/outbox-race").then().statusCode(200).extract().jsonPath();
        assertEquals(400, result.getInt("ours"), "every row claimed: " + result.prettify());
        assertEquals(result.getInt("total"), result.getInt("distinct"), "none twice: " + result.prettify());
        System.out.println("outbox race (" + System.getProperty("it.db.kind") + "): " + result.getList("claimed"));
    }

    @Test
    void aClaimRenewedWhileItsSendRunsIsNotTakenByAnotherClaimer() {
        JsonPath r = Api.anonymous().post("/it/outbox-race/renewal").then().statusCode(200).extract().jsonPath();
        assertEquals(1, r.getInt("claimedFirst"), r.prettify());
        assertEquals(1, r.getInt("renewed"), "the holder renews its claim: " + r.prettify());
        assertEquals(0, r.getInt("claimedBeforeLapse"), "a renewed claim is not taken: " + r.prettify());
        assertEquals(0, r.getInt("renewedByOther"), "only the holder renews: " + r.prettify());
        assertEquals(1, r.getInt("claimedAfterLapse"), "taken once the renewed claim lapsed: " + r.prettify());
        assertEquals(2, r.getInt("secondAttempt"), r.prettify());
        assertFalse(r.getBoolean("lateSendRecorded"), "the first holder's late send is not recorded: " + r.prettify());
        assertEquals(0, r.getInt("renewedLate"), "nor renewed: " + r.prettify());
    }
}
