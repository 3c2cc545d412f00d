package cn.shenhe.it;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The server under test, over plain HTTP. */
public final class Api {

    public static final String BASE = "http://localhost:" + System.getProperty("it.http.port", "19080");
    public static final String V1 = BASE + "/api/v1";

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return as(token, "zh-CN");
    }

    public static RequestSpecification as(String token, String acceptLanguage) {
        RequestSpecification s = given().baseUri(V1).header("Accept-Language", acceptLanguage);
        return token == null ? s : s.auth().oauth2(token);
    }

    /** The server's own endpoints outside the API: /health, /openapi, /metrics. */
    public static RequestSpecification server() {
        return given().baseUri(BASE);
    }

    public static RequestSpecification anonymous() {
        return as(null);
    }

    /** Registers the candidate in the district's first site (or the one given), returns the registration id. */
    public static String register(String token, String district, int examYear, String site) {
        Response r = as(token).contentType("application/json")
                .body("{\"examYear\":" + examYear + ",\"category\":\"clinical-physician\",\"site\":\"" + site + "\"}")
                .post("/districts/" + district + "/registrations");
        if (r.statusCode() != 201) {
            throw new AssertionError("register in " + district + ": " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getString("id");
    }

    public static Response upload(String token, String district, String registration, String type, byte[] bytes, String contentType) {
        return as(token).contentType(contentType).body(bytes)
                .post("/districts/" + district + "/registrations/" + registration + "/materials/" + type + "/images");
    }

    /** The standard required materials, uploaded: id-card ×2, diploma, practice-proof. Returns the picture ids in that order. */
    public static java.util.List<String> completeMaterials(String token, String district, String registration) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String type : new String[] {"id-card", "id-card", "diploma", "practice-proof"}) {
            ids.add(upload(token, district, registration, type, TestImages.jpeg(1000, 750), "image/jpeg")
                    .then().statusCode(201).extract().jsonPath().getString("id"));
        }
        return ids;
    }
}
