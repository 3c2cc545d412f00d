package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production realm ({@code keycloak/shenhe-realm.json} as an operator imports it: no demo users file,
 * no SHENHE_KC_* overrides) on the real Keycloak the build started, imported under a name of its own:
 * no users, a password policy, lockout after 10 failures, a one-time code for staff, redirects only to the
 * public URL, no password-grant client; sign-up open to candidates, with the ID number checked by Shenhe's
 * validator (keycloak/providers) on the form as through the admin API.
 */
class ProductionRealmIT {

    private static final String PUBLIC_URL = "https://shenhe.example.test";
    private static final String REALM = "shenhe-prod-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN = Keycloak.BASE + "/admin/realms/" + REALM;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)(?::([^}]*))?}");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final String STRONG = "Shenhe-2027-exam";

    @BeforeAll
    static void importRealm() throws IOException {
        String realm = Files.readString(Path.of(System.getProperty("it.repo.root", "../.."), "keycloak", "shenhe-realm.json"));
        realm = realm.replaceFirst("\"realm\": \"shenhe\"", "\"realm\": \"" + REALM + "\"");
        // What Keycloak's start-up import does with the environment an operator gives it: here only the public URL.
        Matcher m = PLACEHOLDER.matcher(realm);
        realm = m.replaceAll(p -> Matcher.quoteReplacement(p.group(1).equals("SHENHE_PUBLIC_URL") ? PUBLIC_URL
                : p.group(2) == null ? p.group() : p.group(2)));
        send("POST", Keycloak.BASE + "/admin/realms", json(realm), 201);
        assertEquals("0", send("GET", ADMIN + "/users/count", null, 200).body(), "the production realm brings no users");
    }

    @AfterAll
    static void dropRealm() {
        send("DELETE", ADMIN, null, 204);
    }

    @Test
    void refusesWeakPasswords() {
        HttpResponse<String> weak = send("POST", ADMIN + "/users", json(user("weak-" + suffix(), "demo")), 400);
        assertTrue(weak.body().contains("invalidPassword"), weak.body());
        send("POST", ADMIN + "/users", json(user("strong-" + suffix(), STRONG)), 201);
    }

    @Test
    void staffMustSetUpAOneTimeCodeAndCandidatesDoNot() {
        String reviewer = createUser("district-reviewer");
        String candidate = createUser("candidate");

        String afterReviewer = signIn(reviewer, STRONG).body();
        assertTrue(afterReviewer.contains("kc-totp-secret"), "a reviewer is sent to set up the authenticator app: " + afterReviewer);

        String afterCandidate = signIn(candidate, STRONG).body();
        assertFalse(afterCandidate.contains("kc-totp-secret") || afterCandidate.contains("name=\"otp\""), afterCandidate);
        assertTrue(afterCandidate.contains("kc-oauth"), "a candidate goes on to the consent screen: " + afterCandidate);
    }

    @Test
    void staffKeepTheirOneTimeCodeWhenTheyAlsoHaveTheDefaultCandidateRole() {
        // createUser leaves the default role (candidate) in place: an operator who forgets to remove it
        // must not let a reviewer past the one-time code.
        String reviewer = createUser("site-reviewer");
        JsonPath roles = new JsonPath(send("GET", ADMIN + "/users/" + userId(reviewer) + "/role-mappings/realm/composite", null, 200).body());
        assertTrue(roles.getList("name").containsAll(java.util.List.of("candidate", "site-reviewer", "staff")), roles.prettify());
        assertTrue(signIn(reviewer, STRONG).body().contains("kc-totp-secret"));
    }

    @Test
    void aPersonSignsUpInChineseAndBecomesACandidateOfTheDistrictChosen() {
        HttpResponse<String> form = get(authUrl("registrations", PUBLIC_URL + "/", "zh-CN"), new Cookies());
        assertEquals(200, form.statusCode(), form.body());
        for (String label : new String[] {"公民身份号码", "手机号码", "报考考区", "北京考区", "上海考区", "广东考区"}) {
            assertTrue(form.body().contains(label), label + " on the sign-up form: " + form.body());
        }

        String id = IdNumbers.next();
        String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        HttpResponse<String> refused = signUp("bad-" + suffix(), wrongCheck, "13800138000", "zh-CN");
        assertTrue(refused.body().contains("公民身份号码校验位不正确"), refused.body());
        assertTrue(signUp("phone-" + suffix(), id, "12345", "zh-CN").body().contains("请输入 11 位中国大陆手机号码"));

        String name = "signup-" + suffix();
        HttpResponse<String> done = signUp(name, id, "13800138000", "zh-CN");
        assertTrue(done.body().contains("kc-oauth") && done.body().contains("敏感个人信息"),
                "the consent screen names the personal data: " + done.body());
        JsonPath user = new JsonPath(send("GET", ADMIN + "/users?exact=true&username=" + name, null, 200).body());
        assertEquals(id, user.getString("[0].attributes.idNumber[0]"));
        assertEquals("13800138000", user.getString("[0].attributes.phoneNumber[0]"));
        assertEquals("sh", user.getString("[0].attributes.district[0]"));
        JsonPath roles = new JsonPath(send("GET", ADMIN + "/users/" + user.getString("[0].id") + "/role-mappings/realm/composite", null, 200).body());
        assertTrue(roles.getList("name").contains("candidate"), roles.prettify());
        assertFalse(roles.getList("name").contains("staff"), roles.prettify());
    }

    @Test
    void theIdNumberAndDistrictOfASignUpAreChangedByAdminsOnly() {
        String name = "mover-" + suffix();
        String id = IdNumbers.next();
        signUp(name, id, "13600136000", "en");
        String userId = userId(name);
        // Keycloak asks the user to review their profile at the next sign-in: they try to move to another district
        String stored = send("GET", ADMIN + "/users/" + userId, null, 200).body();
        send("PUT", ADMIN + "/users/" + userId, json(stored.replace("\"requiredActions\":[]", "\"requiredActions\":[\"UPDATE_PROFILE\"]")), 204);
        Cookies cookies = new Cookies();
        HttpResponse<String> profile = fill(get(authUrl("auth", PUBLIC_URL + "/", "en"), cookies),
                Map.of("username", name, "password", STRONG), cookies);
        assertTrue(profile.body().contains("name=\"district\""), "the update-profile form: " + profile.body());
        HttpResponse<String> refused = fill(profile, Map.of("lastName", "张", "firstName", "三", "idNumber", id,
                "phoneNumber", "13600136000", "email", "", "district", "bj"), cookies);
        assertTrue(refused.body().contains("is set when you sign up"), refused.body());
        assertEquals("sh", new JsonPath(send("GET", ADMIN + "/users/" + userId, null, 200).body()).getString("attributes.district[0]"));
        // an administrator may
        send("PUT", ADMIN + "/users/" + userId, json(stored.replace("\"district\":[\"sh\"]", "\"district\":[\"bj\"]")), 204);
        assertEquals("bj", new JsonPath(send("GET", ADMIN + "/users/" + userId, null, 200).body()).getString("attributes.district[0]"));
    }

    @Test
    void anIdNumberIsHeldByOneUserOnly() {
        String id = IdNumbers.next(true);
        assertTrue(signUp("first-" + suffix(), id, "13900139000", "en").body().contains("kc-oauth"));
        // on the form, with the X in the other case
        HttpResponse<String> again = signUp("second-" + suffix(), id.toLowerCase(), "13900139001", "en");
        assertTrue(again.body().contains("This ID number is already registered"), again.body());
        // through the admin API
        String body = user("third-" + suffix(), STRONG).replace("\"district\":[\"bj\"]", "\"district\":[\"bj\"],\"idNumber\":[\"" + id + "\"]");
        HttpResponse<String> admin = send("POST", ADMIN + "/users", json(body), 400);
        assertTrue(admin.body().contains("shenheIdNumberTaken"), admin.body());
    }

    @Test
    void locksAnAccountAfterTenFailures() {
        String name = createUser("candidate");
        String id = userId(name);
        for (int i = 0; i < 10; i++) {
            signIn(name, "wrong-" + i);
        }
        JsonPath status = new JsonPath(send("GET", ADMIN + "/attack-detection/brute-force/users/" + id, null, 200).body());
        assertTrue(status.getBoolean("disabled"), "locked after 10 failures: " + status.prettify());
        assertFalse(signIn(name, STRONG).body().contains("kc-oauth"), "even the right password is refused while locked");
    }

    @Test
    void redirectsOnlyToThePublicUrlAndHasNoPasswordGrant() {
        HttpResponse<String> elsewhere = get(authUrl("auth", "http://localhost:9080/", "en"), new Cookies());
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("redirect_uri"), elsewhere.body());

        HttpResponse<String> grant = post(Keycloak.BASE + "/realms/" + REALM + "/protocol/openid-connect/token",
                Keycloak.form(Map.of("grant_type", "password", "client_id", "shenhe-cli", "username", "nobody", "password", STRONG)),
                new Cookies());
        assertTrue(grant.statusCode() == 400 || grant.statusCode() == 401, grant.statusCode() + " " + grant.body());
        assertTrue(grant.body().contains("unauthorized_client") || grant.body().contains("invalid_client"), grant.body());
    }

    /** The browser's sign-in on shenhe-ui: the login page, then its form posted; the page that follows. */
    private static HttpResponse<String> signIn(String username, String password) {
        return submit(authUrl("auth", PUBLIC_URL + "/", "en"), Map.of("username", username, "password", password));
    }

    /** The browser's sign-up on shenhe-ui (district sh, no e-mail); the page that follows. */
    private static HttpResponse<String> signUp(String username, String idNumber, String mobile, String locale) {
        return submit(authUrl("registrations", PUBLIC_URL + "/", locale), Map.of("username", username,
                "lastName", "张", "firstName", "三", "idNumber", idNumber, "phoneNumber", mobile, "email", "",
                "district", "sh", "password", STRONG, "password-confirm", STRONG));
    }

    /** Keycloak's form at url filled and posted, in a new browser session. */
    private static HttpResponse<String> submit(String url, Map<String, String> fields) {
        Cookies cookies = new Cookies();
        HttpResponse<String> login = get(url, cookies);
        assertEquals(200, login.statusCode(), login.body());
        return fill(login, fields, cookies);
    }

    /** The form on a Keycloak page filled and posted; the page that follows, up to the redirect to the app. */
    private static HttpResponse<String> fill(HttpResponse<String> form, Map<String, String> fields, Cookies cookies) {
        Matcher action = FORM_ACTION.matcher(form.body());
        assertTrue(action.find(), "a form: " + form.body());
        HttpResponse<String> page = post(action.group(1).replace("&amp;", "&"), Keycloak.form(fields), cookies);
        // Keycloak's own steps (required actions, consent) are redirects within Keycloak; the app's is the end.
        for (int i = 0; i < 5 && page.statusCode() / 100 == 3; i++) {
            String next = URI.create(Keycloak.BASE + "/").resolve(page.headers().firstValue("Location").orElseThrow()).toString();
            if (!next.startsWith(Keycloak.BASE)) break;
            page = get(next, cookies);
        }
        return page;
    }

    /** endpoint: auth (sign in) or registrations (sign up). */
    private static String authUrl(String endpoint, String redirect, String locale) {
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest("verifier-verifier-verifier-verifier-verifier-1".getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Keycloak.BASE + "/realms/" + REALM + "/protocol/openid-connect/" + endpoint + "?" + Keycloak.form(Map.of("client_id", "shenhe-ui",
                "response_type", "code", "scope", "openid", "redirect_uri", redirect, "code_challenge", challenge,
                "code_challenge_method", "S256", "ui_locales", locale));
    }

    private static String createUser(String role) {
        String name = role + "-" + suffix();
        send("POST", ADMIN + "/users", json(user(name, STRONG)), 201);
        JsonPath r = new JsonPath(send("GET", ADMIN + "/roles/" + role, null, 200).body());
        send("POST", ADMIN + "/users/" + userId(name) + "/role-mappings/realm",
                json("[{\"id\":\"" + r.getString("id") + "\",\"name\":\"" + role + "\"}]"), 204);
        return name;
    }

    private static String userId(String name) {
        return new JsonPath(send("GET", ADMIN + "/users?exact=true&username=" + name, null, 200).body()).getString("[0].id");
    }

    private static String user(String name, String password) {
        return "{\"username\":\"" + name + "\",\"enabled\":true,\"emailVerified\":true,\"email\":\"" + name + "@example.cn\","
                + "\"firstName\":\"测试\",\"lastName\":\"王\",\"attributes\":{\"district\":[\"bj\"]},"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + password + "\",\"temporary\":false}]}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static HttpResponse<String> send(String method, String url, HttpRequest.BodyPublisher body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
                .header("Authorization", "Bearer " + Keycloak.adminToken())
                .header("Content-Type", "application/json").build();
        HttpResponse<String> r = exchange(HttpClient.newHttpClient(), request);
        assertEquals(expected, r.statusCode(), method + " " + url + ": " + r.body());
        return r;
    }

    private static HttpResponse<String> get(String url, Cookies cookies) {
        return cookies.keep(exchange(HttpClient.newHttpClient(), cookies.on(HttpRequest.newBuilder(URI.create(url))).build()));
    }

    private static HttpResponse<String> post(String url, String form, Cookies cookies) {
        return cookies.keep(exchange(HttpClient.newHttpClient(), cookies.on(HttpRequest.newBuilder(URI.create(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()));
    }

    /**
     * Keycloak's session cookies between the login page and its form. By hand: Keycloak marks them Secure
     * (its cookies are SameSite=None), which java.net's cookie store will not send over plain HTTP to localhost.
     */
    private static final class Cookies {
        private final Map<String, String> jar = new java.util.LinkedHashMap<>();

        HttpRequest.Builder on(HttpRequest.Builder request) {
            if (!jar.isEmpty()) {
                request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
            }
            return request;
        }

        HttpResponse<String> keep(HttpResponse<String> response) {
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return response;
        }
    }

    private static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
