package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A district's review progress: its administrator and national administrators read it; nobody else does. */
@ExtendWith(ArquillianExtension.class)
class DistrictProgressIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void theDistrictsAdministratorReadsItsCountsBacklogAndDays() {
        String candidate = Keycloak.createUser("candidate", "gd", null).token();
        Api.register(candidate, "gd", 2027, "gd-02");
        String admin = Keycloak.createUser("district-admin", "gd", null).token();
        Api.as(admin).get("/districts/gd/progress").then().statusCode(200)
                .body("district.district", equalTo("gd"))
                .body("district.counts.FILLING", greaterThanOrEqualTo(1))
                .body("district.counts", hasKey("APPROVED"))
                .body("district.backlog", hasKey("SITE"))
                .body("progress.district", hasItem("gd"))
                // its own district only, never another's rows
                .body("progress.findAll { it.district != 'gd' }.size()", equalTo(0));
        Api.as(Keycloak.createUser("national-admin", null, null).token()).get("/districts/gd/progress").then().statusCode(200)
                .body("district.district", equalTo("gd"));
    }

    @Test
    void nobodyElseReadsIt() {
        String bjAdmin = Keycloak.createUser("district-admin", "bj", null).token();
        Api.as(bjAdmin).get("/districts/gd/progress").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not-found"));
        Api.as(Keycloak.createUser("candidate", "gd", null).token()).get("/districts/gd/progress").then().statusCode(403);
        Api.as(Keycloak.createUser("site-reviewer", "gd", "gd-01").token()).get("/districts/gd/progress").then().statusCode(403);
        Api.anonymous().get("/districts/gd/progress").then().statusCode(401);
    }
}
