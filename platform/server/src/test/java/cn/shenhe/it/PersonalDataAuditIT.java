package cn.shenhe.it;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PIPL: every staff read of a candidate's personal data is in the audit log (who, role, what, when);
 * admins list them by person, the candidate by role only.
 */
@ExtendWith(ArquillianExtension.class)
class PersonalDataAuditIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void staffReadsAreRecordedAndShownToTheCandidateByRoleOnly() {
        Keycloak.User candidateUser = Keycloak.createUser("candidate", "bj", null);
        String candidate = candidateUser.token();
        String r = Api.register(candidate, "bj", 2027, "bj-01");
        String picture = Api.upload(candidate, "bj", r, "diploma", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("url").substring("/api/v1".length());
        String path = "/districts/bj/registrations/" + r;

        // the candidate's own reads are not "views of their data by others"
        Api.as(candidate).get(path).then().statusCode(200);
        Api.as(candidate).get(picture).then().statusCode(200);
        Api.as(candidate).get(path + "/views").then().statusCode(200).body("", empty());

        Keycloak.User siteUser = Keycloak.createUser("site-reviewer", "bj", "bj-01");
        String site = siteUser.token();
        Api.as(site).get(path).then().statusCode(200);
        Api.as(site).get(picture).then().statusCode(200);
        Keycloak.User adminUser = Keycloak.createUser("district-admin", "bj", null);
        String admin = adminUser.token();
        Api.as(admin).get("/districts/bj/search?q=" + r).then().statusCode(200);
        Api.as(admin).get("/districts/bj/exports/results.csv").then().statusCode(200);

        // the admin: who, in which role, what, when
        JsonPath views = Api.as(admin).get(path + "/views").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> seen = views.getList("");
        assertEquals(2, seen.size(), seen.toString());
        assertEquals("picture.viewed", seen.get(0).get("what"));        // newest first
        assertEquals("diploma", seen.get(0).get("materialType"));
        assertEquals("registration.viewed", seen.get(1).get("what"));
        for (Map<String, Object> v : seen) {
            assertEquals(siteUser.username(), v.get("actor"));
            assertEquals("site-reviewer", v.get("role"));
        }
        // the candidate: the role and the time, never the name
        Api.as(candidate).get(path + "/views").then().statusCode(200)
                .body("role", equalTo(List.of("site-reviewer", "site-reviewer")))
                .body("actor", everyItem(nullValue()))
                .body("at", everyItem(not(nullValue())));
        // and the district's searches and exports, for its admins
        Api.as(admin).get("/districts/bj/audit").then().statusCode(200)
                .body("findAll { it.action == 'search.run' }.actor", hasItem(adminUser.username()))
                .body("findAll { it.action == 'search.run' }.detail", hasItem(equalTo("{\"q\":\"" + r + "\"}")))
                .body("findAll { it.action == 'export.results' }.role", hasItem("district-admin"));

        // nobody else: another candidate, a reviewer, another district's admin
        Api.as(Keycloak.createUser("candidate", "bj", null).token()).get(path + "/views").then().statusCode(404);
        Api.as(site).get(path + "/views").then().statusCode(403);
        Api.as(Keycloak.createUser("district-admin", "sh", null).token()).get(path + "/views").then().statusCode(404);   // another district: as if it did not exist
        Api.as(site).get("/districts/bj/audit").then().statusCode(403);
    }

    /**
     * Reads are committed to the log in groups (cn.shenhe.audit.ReadLog): searches at the same moment share a
     * commit, and each is answered only once its own event is in the log.
     */
    @Test
    void searchesAtTheSameMomentAreEachRecordedBeforeTheyAreAnswered() throws Exception {
        Keycloak.User adminUser = Keycloak.createUser("district-admin", "bj", null);
        String admin = adminUser.token();
        String run = "并发" + System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> searched = IntStream.range(0, 40).mapToObj(i -> clients.submit(() -> {
                String q = run + "-" + i;
                Api.as(admin).get("/districts/bj/search?q=" + q).then().statusCode(200);
                // answered: the event is already there for anyone to read
                Api.as(admin).get("/districts/bj/audit").then().statusCode(200)
                        .body("findAll { it.action == 'search.run' }.detail", hasItem(equalTo("{\"q\":\"" + q + "\"}")));
                return q;
            })).toList();
            for (Future<String> f : searched) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        List<String> logged = Api.as(admin).get("/districts/bj/audit").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.action == 'search.run' && it.detail.contains('" + run + "') }.detail");
        assertEquals(40, logged.size(), logged.toString());   // each once
    }

    @Test
    void aNationalSearchIsRecordedInEveryDistrictItReached() {
        Keycloak.User national = Keycloak.createUser("national-admin", null, null);
        String q = "审计" + System.nanoTime();
        Api.as(national.token()).get("/national/search?q=" + q).then().statusCode(200);
        Api.as(national.token()).get("/national/search?district=sh&q=" + q + "x").then().statusCode(200);

        String bjAdmin = Keycloak.createUser("district-admin", "bj", null).token();
        Api.as(bjAdmin).get("/districts/bj/audit").then().statusCode(200)
                .body("findAll { it.actor == '" + national.username() + "' }.role", equalTo(List.of("national-admin")))
                .body("findAll { it.actor == '" + national.username() + "' }.detail",
                        hasItem(allOf(containsString("\"q\":\"" + q + "\""), containsString("\"scope\":\"national\""))));
        // the search limited to sh reached sh only
        Api.as(Keycloak.createUser("district-admin", "sh", null).token()).get("/districts/sh/audit").then().statusCode(200)
                .body("findAll { it.actor == '" + national.username() + "' }.size()", equalTo(2));
    }
}
