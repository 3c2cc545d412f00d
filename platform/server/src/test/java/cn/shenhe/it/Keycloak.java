package cn.shenhe.it;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The real Keycloak the build started (scripts/keycloak.sh, realm keycloak/shenhe-realm.json):
 * tokens by password grant on {@code shenhe-cli}, and test users made through the admin REST API
 * so that tests never depend on, or disturb, the demo users' data.
 */
public final class Keycloak {

    public static final String PORT = System.getProperty("it.keycloak.port", "18180");
    /** Through localhost, like the issuer the server expects. */
    public static final String BASE = "http://localhost:" + PORT;
    public static final String REALM = BASE + "/realms/shenhe";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Keycloak() {
    }

    public record User(String username, String password, String district, String site, String role) {
        public String token() {
            return Keycloak.token(username, password);
        }

        /** Signed in: the access token and the refresh token that renews it without the password's hashing. */
        public Session signIn() {
            JsonPath json = post(REALM + "/protocol/openid-connect/token", null,
                    form(Map.of("grant_type", "password", "client_id", "shenhe-cli", "username", username, "password", password)),
                    "application/x-www-form-urlencoded", 200);
            return new Session(json.getString("access_token"), json.getString("refresh_token"));
        }
    }

    /** A user's tokens, as a client that stays signed in keeps them. */
    public record Session(String accessToken, String refreshToken) {
        public Session refreshed() {
            JsonPath json = post(REALM + "/protocol/openid-connect/token", null,
                    form(Map.of("grant_type", "refresh_token", "client_id", "shenhe-cli", "refresh_token", refreshToken)),
                    "application/x-www-form-urlencoded", 200);
            return new Session(json.getString("access_token"), json.getString("refresh_token"));
        }
    }

    /**
     * For a benchmark that signs up thousands of users: the realm hashes the new users' passwords with one
     * iteration (its default hashing costs Keycloak ~0.1 s of CPU per sign-in, which would compete with the server
     * measured); closing restores the realm's policy.
     */
    public static AutoCloseable cheapPasswordHashes() {
        String policy = get(BASE + "/admin/realms/shenhe", adminToken()).getString("passwordPolicy");
        String cheap = (policy == null || policy.isBlank() ? "" : policy + " and ") + "hashIterations(1)";
        send("PUT", BASE + "/admin/realms/shenhe", adminToken(), "{\"passwordPolicy\":\"" + cheap + "\"}", "application/json", 204);
        return () -> send("PUT", BASE + "/admin/realms/shenhe", adminToken(),
                "{\"passwordPolicy\":\"" + (policy == null ? "" : policy) + "\"}", "application/json", 204);
    }

    public static String token(String username, String password) {
        return token("shenhe", "shenhe-cli", username, password);
    }

    public static String token(String realm, String client, String username, String password) {
        JsonPath json = post(BASE + "/realms/" + realm + "/protocol/openid-connect/token", null,
                form(Map.of("grant_type", "password", "client_id", client, "username", username, "password", password)),
                "application/x-www-form-urlencoded", 200);
        return json.getString("access_token");
    }

    /**
     * A new user of the realm with one role, its district and (for site reviewers) site. Staff lose the
     * realm's default role (candidate, what a person who signs up gets), as an operator does for staff.
     */
    public static User createUser(String role, String district, String site) {
        String username = "it-" + (district == null ? "nat" : district) + "-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder attrs = new StringBuilder();
        if (district != null) {
            attrs.append("\"district\":[\"").append(district).append("\"]");
        }
        if (site != null) {
            attrs.append(attrs.isEmpty() ? "" : ",").append("\"site\":[\"").append(site).append("\"]");
        }
        String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"emailVerified\":true,"
                + "\"email\":\"" + username + "@example.cn\",\"firstName\":\"测试\",\"lastName\":\"李\","
                + "\"attributes\":{" + attrs + "},"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"demo\",\"temporary\":false}]}";
        send("POST", BASE + "/admin/realms/shenhe/users", adminToken(), body, "application/json", 201);
        String id = get(BASE + "/admin/realms/shenhe/users?exact=true&username=" + username, adminToken()).getString("[0].id");
        JsonPath roleJson = get(BASE + "/admin/realms/shenhe/roles/" + role, adminToken());
        String mapping = "[{\"id\":\"" + roleJson.getString("id") + "\",\"name\":\"" + role + "\"}]";
        send("POST", BASE + "/admin/realms/shenhe/users/" + id + "/role-mappings/realm", adminToken(), mapping, "application/json", 204);
        if (!role.equals("candidate")) {
            JsonPath defaults = get(BASE + "/admin/realms/shenhe/roles/default-roles-shenhe", adminToken());
            send("DELETE", BASE + "/admin/realms/shenhe/users/" + id + "/role-mappings/realm", adminToken(),
                    "[{\"id\":\"" + defaults.getString("id") + "\",\"name\":\"default-roles-shenhe\"}]", "application/json", 204);
        }
        return new User(username, "demo", district, site, role);
    }

    /**
     * A client whose access tokens live one second, otherwise like shenhe-cli (same scopes, so
     * the same audience): for proving that the server refuses expired tokens.
     */
    public static String ensureShortLivedClient() {
        String clientId = "it-short-lived";
        JsonPath existing = get(BASE + "/admin/realms/shenhe/clients?clientId=" + clientId, adminToken());
        if (existing.getList("$").isEmpty()) {
            List<String> scopes = get(BASE + "/admin/realms/shenhe/clients?clientId=shenhe-cli", adminToken())
                    .getList("[0].defaultClientScopes", String.class);
            String scopeJson = scopes.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
            send("POST", BASE + "/admin/realms/shenhe/clients", adminToken(),
                    "{\"clientId\":\"" + clientId + "\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,"
                            + "\"standardFlowEnabled\":false,\"defaultClientScopes\":[" + scopeJson + "],"
                            + "\"attributes\":{\"access.token.lifespan\":\"1\"}}",
                    "application/json", 201);
        }
        return clientId;
    }

    private static volatile String adminToken;
    private static volatile long adminTokenAt;

    /**
     * The master realm's admin token, reused for 30 s (it lives 60): fetching one per call hashed the password each
     * time. Every admin call asks for it again, so a user's several calls under a slow Keycloak never carry a token
     * older than its life (a token taken once per user did: 401 after minutes of parallel sign-ups).
     */
    static synchronized String adminToken() {
        if (adminToken == null || System.nanoTime() - adminTokenAt > TimeUnit.SECONDS.toNanos(30)) {
            long asked = System.nanoTime();
            adminToken = freshAdminToken();
            adminTokenAt = asked;
        }
        return adminToken;
    }

    private static String freshAdminToken() {
        return post(BASE + "/realms/master/protocol/openid-connect/token", null,
                form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin")),
                "application/x-www-form-urlencoded", 200).getString("access_token");
    }

    private static JsonPath get(String url, String bearer) {
        return send("GET", url, bearer, null, null, 200);
    }

    private static JsonPath post(String url, String bearer, String body, String type, int expected) {
        return send("POST", url, bearer, body, type, expected);
    }

    private static JsonPath send(String method, String url, String bearer, String body, String type, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return new JsonPath(r.body().isEmpty() ? "{}" : r.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + BASE + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An application/x-www-form-urlencoded body. */
    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
