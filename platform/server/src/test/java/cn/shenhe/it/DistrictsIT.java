package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Districts as tenants: their configuration files, the plugins they name (and only those), the
 * upload window, and what they publish without sign-in. The test server loads the demo districts
 * plus src/it/tenant-configs: tclosed (window closed), tnoplug (no plugin), tbroken (bad field).
 */
@ExtendWith(ArquillianExtension.class)
class DistrictsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void everyGoodDistrictLoadsAndTheBrokenOneIsNamed() {
        Api.anonymous().get("/districts").then().statusCode(200)
                .body("code", hasItems("bj", "sh", "gd", "tclosed", "tnoplug"))
                .body("code", not(hasItem("tbroken")))
                .body("find { it.code == 'sh' }.reviewMode", equalTo("onsite-review"))
                .body("find { it.code == 'sh' }.inPerson", equalTo(true))
                .body("find { it.code == 'sh' }.appointments[0].id", equalTo("sh-01-20270309-0900"))
                .body("find { it.code == 'bj' }.reviewMode", equalTo("online-review"))
                .body("find { it.code == 'bj' }.reviewModeName.zh", equalTo("网上审核"))
                .body("find { it.code == 'bj' }.appointments", equalTo(java.util.List.of()))
                .body("find { it.code == 'bj' }.commentTemplates[0].zh", equalTo("照片模糊,请重新拍摄清晰的照片上传"))
                .body("find { it.code == 'bj' }.name.zh", equalTo("北京考区"))
                .body("find { it.code == 'gd' }.sites.code", equalTo(java.util.List.of("gd-01", "gd-02", "gd-03")));
        Api.server().get("/health/ready").then().statusCode(200)
                .body("checks[0].data.refusedConfig0", containsString("tbroken.yaml: examYear: not a whole number"))
                .body("checks[0].data.plugins", equalTo("gd-materials,inapp-notifications,mail-notifications,online-review,onsite-review,quality-checks,sms-notifications,standard-materials"));
        Api.anonymous().get("/districts/tbroken").then().statusCode(404).body("code", equalTo("not-found"));
    }

    @Test
    void requirementsComeFromTheNamedPluginsOnly() {
        Api.anonymous().get("/districts/bj/requirements?category=clinical-physician").then().statusCode(200)
                .body("code", equalTo(java.util.List.of("id-card", "diploma", "practice-proof", "other")));
        Api.anonymous().get("/districts/gd/requirements?category=clinical-assistant").then().statusCode(200)
                .body("code", hasItems("id-card", "residence-proof"))
                .body("find { it.code == 'residence-proof' }.name.zh", equalTo("居住证或社保证明"));
        // sh overrides a limit in its settings
        Api.anonymous().get("/districts/sh/requirements").then().statusCode(200)
                .body("find { it.code == 'practice-proof' }.maxImages", equalTo(3));
        Api.anonymous().get("/districts/tnoplug/requirements").then().statusCode(200).body("$", hasSize(0));
        Api.anonymous().get("/districts/gd/material-types/residence-proof/sample").then().statusCode(200).contentType("image/png");
        Api.anonymous().get("/districts/bj/material-types/residence-proof/sample").then().statusCode(404);
    }

    @Test
    void aDistrictWithoutThePluginGetsNoneOfItsTypes() {
        String token = Keycloak.createUser("candidate", "tnoplug", null).token();
        String reg = Api.register(token, "tnoplug", 2027, "tnoplug-01");
        Api.as(token).get("/districts/tnoplug/registrations/" + reg).then().statusCode(200)
                .body("materials", hasSize(0));
        Api.upload(token, "tnoplug", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(404).body("code", equalTo("material-type-not-found"));
    }

    @Test
    void uploadsOutsideTheWindowAreRefused() {
        String token = Keycloak.createUser("candidate", "tclosed", null).token();
        String reg = Api.register(token, "tclosed", 2027, "tclosed-01");
        Api.as(token).get("/districts/tclosed/registrations/" + reg).then().statusCode(200)
                .body("acceptsChanges", equalTo(false));
        Api.upload(token, "tclosed", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("upload-window-closed"))
                .body("messages.'zh-CN'", containsString("2020-03-31"));
    }

    @Test
    void theServerDescribesItself() {
        Api.server().get("/openapi").then().statusCode(200)
                .body(containsString("/api/v1/districts/{district}/registrations/{registration}/materials/{type}/images"));
        Api.server().get("/health").then().statusCode(200).body("status", equalTo("UP"))
                // the scripts install libturbojpeg0 and pick a Java 22+: uploads must run on the native codec
                .body("checks.find { it.name == 'image-codec' }.data.native", equalTo(true))
                .body("checks.find { it.name == 'image-codec' }.data.jpeg", containsString("libjpeg-turbo"));
        Api.anonymous().get("/no/such/path").then().statusCode(404).contentType("application/problem+json");
    }
}
