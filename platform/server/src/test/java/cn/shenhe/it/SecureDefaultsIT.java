package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, secure defaults, over plain HTTP against the real server: the security headers on the API, on
 * a candidate's picture, on the UI and on error answers; {@code /metrics} for its user only; no
 * {@code Access-Control-Allow-Origin: *}; the container's own error answers name no Java class and carry
 * no stack line.
 */
@ExtendWith(ArquillianExtension.class)
class SecureDefaultsIT {

    /** A Java class name (java.io.FileNotFoundException, com.ibm.ws...) or a stack line ("at x.y.Z(Z.java:12)"). */
    private static final Pattern JAVA_INSIDES = Pattern.compile(
            "(?:java|javax|jakarta|com\\.ibm|org\\.apache|cn\\.shenhe)\\.[a-z]+\\.|\\bat [\\w.$]+\\([\\w]+\\.java:\\d+\\)|SRVE\\d+|Exception");

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void theApiAnswersCarryTheHeadersAndAreNeverStored() {
        Keycloak.User candidate = Keycloak.createUser("candidate", "bj", null);
        Response own = Api.as(candidate.token()).get("/districts/bj/registrations");
        own.then().statusCode(200);
        assertAppHeaders(own);
        assertEquals("no-store", own.header("Cache-Control"));

        // A refusal (problem+json) too.
        Response refused = Api.anonymous().get("/districts/bj/registrations");
        assertEquals(401, refused.statusCode());
        assertAppHeaders(refused);
        assertEquals("no-store", refused.header("Cache-Control"));
    }

    @Test
    void aCandidatesPictureIsNeverStored() {
        Keycloak.User candidate = Keycloak.createUser("candidate", "bj", null);
        String reg = Api.register(candidate.token(), "bj", 2027, "bj-01");
        String url = Api.upload(candidate.token(), "bj", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().path("url");
        Response picture = Api.server().auth().oauth2(candidate.token()).get(url);
        picture.then().statusCode(200).contentType("image/jpeg");
        assertAppHeaders(picture);
        assertEquals("no-store", picture.header("Cache-Control"), "a picture of an ID card in no cache");
    }

    @Test
    void theUiIsServedUnderItsContentSecurityPolicy() {
        Response page = Api.server().header("Accept", "text/html").get("/candidate");
        page.then().statusCode(200).contentType(containsString("text/html"));
        assertAppHeaders(page);
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("connect-src 'self' http://localhost:" + Keycloak.PORT), "keycloak-js talks to Keycloak: " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        // The built index.html has no inline script for the policy to refuse.
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page.asString()).find(), "inline <script> in index.html");

        String asset = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.asString()).results()
                .findFirst().orElseThrow().group(1);
        Response script = Api.server().get(asset);
        script.then().statusCode(200);
        assertAppHeaders(script);
        assertEquals(null, script.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    @Test
    void hstsOnlyWhenTheRequestCameOverTls() {
        // X-Forwarded-Proto is not believed unless shenhe.http.forwarded-proto-trusted says the balancer sets it.
        assertNull(Api.server().header("X-Forwarded-Proto", "https").get("/api/v1/districts").header("Strict-Transport-Security"));
        Management.Answer overTls = Management.get("/api/v1/districts", null, null);
        assertEquals(200, overTls.status());
        assertTrue(overTls.header("Strict-Transport-Security").startsWith("max-age="), "HSTS over TLS");
    }

    @Test
    void metricsOnlyForTheirUserOverTls() {
        // Plain HTTP: sent to HTTPS, nothing served.
        Response plain = RestAssured.given().baseUri(Api.BASE).config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .get("/metrics?scope=base");
        assertNotEquals(200, plain.statusCode());
        assertFalse(plain.asString().contains("cpu_processCpuTime_seconds"));
        assertAnswerHasStaticHeaders(plain);

        Management.Answer anonymous = Management.get("/metrics?scope=base", null, null);
        assertEquals(401, anonymous.status());
        assertFalse(anonymous.body().contains("cpu_"));
        assertEquals(401, Management.get("/metrics?scope=base", "metrics", "not-the-password").status());
        assertEquals(401, Management.get("/metrics?scope=base", "metrics", "${metrics.password}").status());
        assertTrue(Management.metrics("base").contains("cpu_processCpuTime_seconds"));
    }

    @Test
    void noOriginIsAllowedToReadAnswers() {
        for (String path : new String[] {"/api/v1/districts", "/health", "/openapi", "/", "/api/v1/districts/bj/registrations"}) {
            Response r = Api.server().header("Origin", "https://evil.example").get(path);
            assertNull(r.header("Access-Control-Allow-Origin"), path + ": " + r.header("Access-Control-Allow-Origin"));
            Response preflight = Api.server().header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").options(path);
            assertNull(preflight.header("Access-Control-Allow-Origin"), "preflight " + path);
        }
    }

    @Test
    void theContainersOwnErrorsNameNoJavaInsides() throws IOException {
        // A file that is not there (the static files' servlet): a plain page.
        Response missing = Api.server().get("/assets/no-such-file.js");
        assertEquals(404, missing.statusCode());
        assertClean(missing.asString());
        assertTrue(missing.contentType().startsWith("text/plain"), missing.contentType());
        assertAppHeaders(missing);

        // A method the static files do not take (Liberty answers a PUT on an existing file with the file itself).
        Response wrongMethod = Api.server().body("x").put("/no-such-file.txt");
        assertTrue(wrongMethod.statusCode() >= 400, "status " + wrongMethod.statusCode());
        assertClean(wrongMethod.asString());

        // Under /api: problem+json, whatever refused it.
        Response api404 = Api.server().get("/api/v1/no-such-thing");
        api404.then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not-found"));
        assertClean(api404.asString());
        Response api405 = Api.server().delete("/api/v1/districts");
        api405.then().statusCode(405).contentType("application/problem+json").body("code", not(nullValue()));
        assertClean(api405.asString());

        // Paths the server cannot decode or that climb out of the application: sent raw, as an attacker would.
        for (String path : new String[] {"/api/v1/%zz", "/%zz", "/api/v1/districts/%c0%ae%c0%ae/x", "/../../etc/passwd",
                "/WEB-INF/web.xml", "/api/v1/districts/bj/registrations/%00"}) {
            String answer = rawGet(path);
            String status = answer.substring(0, answer.indexOf('\r'));
            assertFalse(status.contains(" 200 ") && answer.contains("<web-app"), path + ": " + status);
            assertClean(answer.substring(answer.indexOf("\r\n\r\n")));
            assertTrue(answer.toLowerCase().contains("x-content-type-options: nosniff"), path + ": " + answer);
        }
    }

    private static void assertAppHeaders(Response r) {
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "CSP: " + csp);
        assertFalse(csp.contains("script-src 'self' 'unsafe-inline'"), csp);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("same-origin", r.header("Referrer-Policy"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertNull(r.header("Access-Control-Allow-Origin"));
    }

    /** What Liberty itself answers (outside the application) still may not be sniffed or framed. */
    private static void assertAnswerHasStaticHeaders(Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    private static void assertClean(String body) {
        assertFalse(JAVA_INSIDES.matcher(body).find(), "Java insides in: " + body);
    }

    /** A GET with the path exactly as given (HTTP clients normalise or refuse such paths). */
    private static String rawGet(String path) throws IOException {
        int port = Integer.parseInt(Api.BASE.substring(Api.BASE.lastIndexOf(':') + 1));
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
