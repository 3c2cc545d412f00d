package cn.shenhe.it;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.shenhe.material.quality.DegradedPhotos;
import io.restassured.path.json.JsonPath;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quality checks on the real server, in test district {@code tquality} (every check warns, a
 * blurred ID card is refused): the warning in the upload's answer and the registration, the refusal
 * storing nothing, a sharp photo passing without a word, the reviewers' queue filtered by warnings.
 */
@ExtendWith(ArquillianExtension.class)
class QualityChecksIT {

    private static final String D = "tquality";
    private static final byte[] SHARP = TestImages.jpeg(1000, 750);
    private static final byte[] BLURRED = TestImages.jpeg(DegradedPhotos.blur(TestImages.photo(1000, 750, 5), 0.005), 0.85f);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    private static String candidate() {
        return Keycloak.createUser("candidate", D, null).token();
    }

    @Test
    void aBlurredPhotoIsKeptWithItsWarningWhereTheDistrictWarns() {
        String token = candidate();
        String r = Api.register(token, D, 2027, "tquality-01");
        JsonPath created = Api.upload(token, D, r, "diploma", BLURRED, "image/jpeg").then().statusCode(201)
                .body("warnings", equalTo(java.util.List.of("image-blurred")))
                .body("findings[0].code", equalTo("image-blurred"))
                .body("findings[0].severity", equalTo("warning"))
                .body("findings[0].message.zh", equalTo("照片模糊,建议重新拍摄"))
                .body("findings[0].message.en", equalTo("The photo is blurred: consider taking it again"))
                .extract().jsonPath();
        Api.as(token).get("/districts/" + D + "/registrations/" + r).then().statusCode(200)
                .body("materials.find { it.code == 'diploma' }.images[0].id", equalTo(created.getString("id")))
                .body("materials.find { it.code == 'diploma' }.images[0].findings[0].message.zh", equalTo("照片模糊,建议重新拍摄"));
    }

    @Test
    void aBlurredPhotoIsRefusedAndNotStoredWhereTheTypeRefuses() {
        String token = candidate();
        String r = Api.register(token, D, 2027, "tquality-01");
        Api.as(token, "en").contentType("image/jpeg").body(BLURRED)
                .post("/districts/" + D + "/registrations/" + r + "/materials/id-card/images")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("image-blurred"))
                .body("messages.'zh-CN'", equalTo("照片模糊,请重新拍摄清晰的照片后上传"))
                .body("detail", equalTo("The photo is blurred: take a sharp photo and upload it again"));
        Api.as(token).get("/districts/" + D + "/registrations/" + r).then().statusCode(200)
                .body("materials.find { it.code == 'id-card' }.count", equalTo(0));
    }

    @Test
    void aSharpPhotoPassesWithoutAWord() {
        String token = candidate();
        String r = Api.register(token, D, 2027, "tquality-01");
        Api.upload(token, D, r, "id-card", SHARP, "image/jpeg").then().statusCode(201)
                .body("warnings", empty()).body("findings", empty());
    }

    @Test
    void reviewersFilterTheQueueByQualityWarnings() {
        String warned = candidate(), clean = candidate();
        String rWarned = Api.register(warned, D, 2027, "tquality-01");
        String rClean = Api.register(clean, D, 2027, "tquality-01");
        Api.completeMaterials(clean, D, rClean);
        Api.completeMaterials(warned, D, rWarned);
        Api.upload(warned, D, rWarned, "other", BLURRED, "image/jpeg").then().statusCode(201);
        String site = Keycloak.createUser("site-reviewer", D, "tquality-01").token();
        Api.as(site).get("/districts/" + D + "/review-queue?level=SITE").then().statusCode(200)
                .body("items.registrationId", hasItem(rClean))
                .body("items.find { it.registrationId == '" + rWarned + "' }.qualityWarnings", equalTo(true))
                .body("items.find { it.registrationId == '" + rClean + "' }.qualityWarnings", equalTo(false));
        Api.as(site).get("/districts/" + D + "/review-queue?level=SITE&qualityWarnings=true").then().statusCode(200)
                .body("items.registrationId", hasItem(rWarned))
                .body("items.registrationId", not(hasItem(rClean)));
    }
}
