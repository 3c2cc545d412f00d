package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The review workbench's context of a registration: the declared identity in full with what its ID number
 * encodes, the decisions so far and the pictures changed since the last one; for the registration's staff
 * only, every read of it audited.
 */
@ExtendWith(ArquillianExtension.class)
class ReviewContextIT {

    private static final String D = "/districts/bj";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void identityDecisionsAndChangesForTheRegistrationsStaffOnly() {
        String candidate = Keycloak.createUser("candidate", "bj", null).token();
        // GB 11643's example number: born 1949-12-31, a woman
        String r = Api.as(candidate).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\",\"name\":\"王秀英\","
                        + "\"idNumber\":\"11010519491231002X\",\"phone\":\"13800138000\"}")
                .post(D + "/registrations").then().statusCode(201).extract().jsonPath().getString("id");
        List<String> images = Api.completeMaterials(candidate, "bj", r);
        String path = D + "/registrations/" + r + "/review-context";
        Keycloak.User siteUser = Keycloak.createUser("site-reviewer", "bj", "bj-01");
        String site = siteUser.token();

        Api.as(site).get(path).then().statusCode(200)
                .body("identity.name", equalTo("王秀英"))
                .body("identity.idNumber", equalTo("11010519491231002X"))
                .body("identity.birthDate", equalTo("1949-12-31"))
                .body("identity.sex", equalTo("FEMALE"))
                .body("identity.checksumValid", equalTo(true))
                .body("identity.phone", equalTo("13800138000"))
                .body("decisions", equalTo(List.of()))
                .body("changes.since", nullValue());

        // Three pictures approved, the practice proof sent back; the candidate replaces it.
        Api.as(site).put(D + "/registrations/" + r + "/claim").then().statusCode(200);
        Api.as(site).contentType("application/json").body("{\"level\":\"SITE\",\"images\":["
                        + "{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"},"
                        + "{\"imageId\":\"" + images.get(1) + "\",\"decision\":\"APPROVE\"},"
                        + "{\"imageId\":\"" + images.get(2) + "\",\"decision\":\"APPROVE\"},"
                        + "{\"imageId\":\"" + images.get(3) + "\",\"decision\":\"REQUEST_CHANGES\",\"comment\":\"盖章不清晰\"}],"
                        + "\"outcome\":\"RETURN\"}")
                .post(D + "/registrations/" + r + "/reviews").then().statusCode(200);
        Api.as(candidate).delete(D + "/registrations/" + r + "/images/" + images.get(3)).then().statusCode(204);
        String replacement = Api.upload(candidate, "bj", r, "practice-proof", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("id");

        Api.as(site).get(path).then().statusCode(200)
                .body("decisions.level", equalTo(List.of("SITE")))
                .body("decisions[0].outcome", equalTo("RETURN"))
                .body("decisions[0].approved", equalTo(3))
                .body("decisions[0].changesRequested", equalTo(1))
                .body("decisions[0].actor", equalTo(siteUser.username()))
                .body("changes.added", equalTo(List.of(replacement)))
                .body("changes.removed.imageId", equalTo(List.of(images.get(3))))
                .body("changes.removed.materialType", equalTo(List.of("practice-proof")));

        // The full ID number is a read of personal data: in the audit, and on the candidate's "who viewed" list by role.
        Api.as(Keycloak.createUser("district-admin", "bj", null).token()).get(D + "/registrations/" + r + "/views").then()
                .statusCode(200).body("findAll { it.what == 'identity.viewed' }.actor", hasItem(siteUser.username()));
        Api.as(candidate).get(D + "/registrations/" + r + "/views").then().statusCode(200)
                .body("findAll { it.what == 'identity.viewed' }.role", hasItem("site-reviewer"));

        // Not the candidate, not another site's reviewer, not another district's: refusals as problem+json.
        Api.as(candidate).get(path).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        Api.as(Keycloak.createUser("site-reviewer", "bj", "bj-02").token()).get(path).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
        Api.as(Keycloak.createUser("district-reviewer", "sh", null).token()).get(path).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
        Api.as(Keycloak.createUser("site-reviewer", "sh", "sh-01").token())
                .get("/districts/sh/registrations/" + r + "/review-context").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
    }
}
