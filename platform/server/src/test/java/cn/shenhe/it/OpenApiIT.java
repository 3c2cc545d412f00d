package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document as a district's IT reads it to generate a client: the success status each
 * operation really answers, every refusal as application/problem+json, and how to sign in.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String UPLOAD = "/api/v1/districts/{district}/registrations/{registration}/materials/{type}/images";
    private static Map<String, Object> doc;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @BeforeAll
    static void fetch() {
        doc = Api.server().queryParam("format", "json").get("/openapi").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @Test
    void theUploadAnswers201AndDocumentsItsRefusalsAsProblems() {
        Map<String, Object> responses = responses(UPLOAD, "post");
        assertTrue(responses.keySet().containsAll(List.of("201", "400", "401", "403", "404", "409", "413", "415", "422", "429", "500", "503")),
                responses.keySet().toString());
        assertFalse(responses.containsKey("200"), "an upload answers 201, never 200");
        assertEquals("#/components/schemas/Problem", at(responses, "409", "content", PROBLEM, "schema", "$ref"));
        assertTrue(((String) at(responses, "409", "description")).contains("registration-locked"));
        assertEquals("#/components/responses/Unauthenticated", at(responses, "401", "$ref"));
        assertEquals("#/components/schemas/Problem", at(doc, "components", "responses", "Unauthenticated", "content", PROBLEM, "schema", "$ref"));
        assertNotNull(at(doc, "components", "schemas", "Problem", "properties", "code"));
    }

    @Test
    void createdAndNoContentWhereTheServerAnswersThem() {
        assertTrue(responses("/api/v1/districts/{district}/registrations", "post").containsKey("201"));
        assertTrue(responses("/api/v1/districts/{district}/registrations/{registration}/images/{image}", "delete").containsKey("204"));
        assertTrue(responses("/api/v1/districts/{district}/registrations/{registration}/claim", "delete").containsKey("204"));
        assertTrue(responses("/api/v1/districts/{district}/config/versions/{n}/revert", "post").containsKey("201"));
        Map<String, Object> claimNext = responses("/api/v1/districts/{district}/review-queue/claims", "post");
        assertTrue(claimNext.keySet().containsAll(List.of("200", "204")), claimNext.keySet().toString());
    }

    @Test
    void publicReadsNeedNoTokenAndProtectedOnesSayHowToGetOne() {
        Map<String, Object> districts = responses("/api/v1/districts", "get");
        assertFalse(districts.containsKey("401"), "the district list is public");
        assertTrue(districts.containsKey("200") && districts.containsKey("503"), districts.keySet().toString());
        assertTrue(responses("/api/v1/districts/{district}", "get").containsKey("404"));
        Map<String, Object> status = operation("/api/v1/national/status", "get");
        assertTrue(((Map<?, ?>) status.get("responses")).containsKey("403"));
        assertNotNull(status.get("security"), "a role is required");
        String url = (String) at(doc, "components", "securitySchemes", "keycloak", "openIdConnectUrl");
        assertEquals("http://localhost:" + System.getProperty("it.keycloak.port", "18180") + "/realms/shenhe/.well-known/openid-configuration", url);
    }

    @Test
    void everyRefusalOfEveryOperationIsAProblem() {
        List<String> wrong = new ArrayList<>();
        Map<String, Object> paths = cast(doc.get("paths"));
        paths.forEach((path, item) -> cast(item).forEach((method, op) -> {
            if (!(op instanceof Map<?, ?> operation) || !operation.containsKey("responses")) {
                return;   // a path-level member, such as parameters
            }
            cast(operation.get("responses")).forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    Map<String, Object> r = cast(response);
                    Object ref = r.get("$ref");
                    Map<String, Object> resolved = ref == null ? r
                            : cast(at(doc, "components", "responses", ((String) ref).substring("#/components/responses/".length())));
                    if (at(resolved, "content", PROBLEM, "schema") == null) {
                        wrong.add(method + " " + path + " " + status);
                    }
                }
            });
            if (!cast(operation.get("responses")).containsKey("500")) {
                wrong.add(method + " " + path + " has no 500");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    private static Map<String, Object> operation(String path, String method) {
        Object op = at(doc, "paths", path, method);
        assertNotNull(op, method + " " + path);
        return cast(op);
    }

    private static Map<String, Object> responses(String path, String method) {
        return cast(operation(path, method).get("responses"));
    }

    /** The member at that path of keys, or null where one is missing. */
    private static Object at(Map<String, Object> map, String... keys) {
        Object o = map;
        for (String k : keys) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(k);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
