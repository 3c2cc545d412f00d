package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications: a candidate notice committed in the district's transaction reaches the
 * district's notifiers (bj names inapp-notifications) and is listed to that candidate only,
 * newest first with an unread count; a notice whose transaction rolls back is never delivered;
 * a district whose configuration names no notifier stores nothing.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application().addClasses(NoticeTrigger.class, NoticeTrigger.Firer.class, NoticeTrigger.RolledBack.class);
    }

    static String subjectOf(String token) {
        String payload = token.split("\\.")[1];
        return new JsonPath(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sub");
    }

    static void fire(String district, String registration, String subject, String kind, String text, boolean rollback) {
        Api.anonymous().queryParam("district", district).queryParam("registration", registration).queryParam("subject", subject)
                .queryParam("kind", kind).queryParam("text", text).queryParam("rollback", rollback)
                .post("/it/notices").then().statusCode(rollback ? 409 : 204);
    }

    @Test
    void theCandidateSeesTheirNotificationsAndNobodyElseDoes() {
        String a = Keycloak.createUser("candidate", "bj", null).token();
        String b = Keycloak.createUser("candidate", "bj", null).token();
        String gd = Keycloak.createUser("candidate", "gd", null).token();
        String reg = Api.register(a, "bj", 2027, "bj-01");

        fire("bj", reg, subjectOf(a), "COMMENT", "身份证照片模糊,请重新上传", false);
        fire("bj", reg, subjectOf(a), "STATUS", "考点审核通过", false);
        fire("bj", reg, subjectOf(a), "COMMENT", "回滚的意见", true);

        JsonPath inbox = Api.as(a).get("/me/notifications").then().statusCode(200)
                .body("unread", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("STATUS"))
                .body("items[0].body.zh", equalTo("考点审核通过"))
                .body("items[0].title.en", equalTo("Review status"))
                .body("items[0].read", equalTo(false))
                .body("items[0].registrationId", equalTo(reg))
                .body("items[0].link", equalTo("/districts/bj/registrations/" + reg))
                .body("items[1].kind", equalTo("COMMENT"))
                .body("items[1].body.zh", equalTo("身份证照片模糊,请重新上传"))
                .extract().jsonPath();
        String comment = inbox.getString("items[1].id");

        // Nobody else sees or touches them: another candidate of the district, one of another district.
        Api.as(b).get("/me/notifications").then().statusCode(200).body("unread", equalTo(0)).body("items", hasSize(0));
        Api.as(gd).get("/me/notifications").then().statusCode(200).body("unread", equalTo(0)).body("items", hasSize(0));
        Api.as(b).post("/me/notifications/" + comment + "/read").then().statusCode(404).body("code", equalTo("not-found"));
        Api.as(gd).post("/me/notifications/" + comment + "/read").then().statusCode(404);
        Api.anonymous().get("/me/notifications").then().statusCode(401);

        Api.as(a).post("/me/notifications/" + comment + "/read").then().statusCode(200).body("read", equalTo(true));
        Api.as(a).post("/me/notifications/" + comment + "/read").then().statusCode(200).body("read", equalTo(true));
        Api.as(a).get("/me/notifications").then().body("unread", equalTo(1)).body("items[1].read", equalTo(true));
        Api.as(a).post("/me/notifications/not-an-id/read").then().statusCode(404);
    }

    @Test
    void aDistrictWithoutANotifierStoresNothing() {
        String c = Keycloak.createUser("candidate", "tnoplug", null).token();
        String reg = Api.register(c, "tnoplug", 2027, "tnoplug-01");
        fire("tnoplug", reg, subjectOf(c), "STATUS", "审核通过", false);
        Api.as(c).get("/me/notifications").then().statusCode(200).body("items", hasSize(0));
    }
}
