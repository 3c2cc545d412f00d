package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On-site review (现场审核) in the test district {@code tonsite}: booking once complete, rebooking
 * and cancelling until the cutoff, capacity under a booking race, check-in and the in-person
 * result, a return for changes and the second visit. Outcomes there show at once.
 */
@ExtendWith(ArquillianExtension.class)
class OnsiteReviewIT {

    private static final String D = "/districts/tonsite";
    private static final String MORNING = "tonsite-01-20980309-0900";
    private static final String AFTERNOON = "tonsite-01-20980309-1330";
    private static final String PAST = "tonsite-01-20200309-0900";
    private static final String SMALL = "tonsite-02-20980310-0900";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    private static String reg(String id) {
        return D + "/registrations/" + id;
    }

    private static Response book(String token, String registration, String slot) {
        return Api.as(token).contentType("application/json").body("{\"slotId\":\"" + slot + "\"}").put(reg(registration) + "/appointment");
    }

    private static Response review(String token, String registration, String json) {
        return Api.as(token).contentType("application/json").body(json).post(reg(registration) + "/reviews");
    }

    @Test
    void bookCheckInReturnComeBackPass() {
        String candidate = Keycloak.createUser("candidate", "tonsite", null).token();
        String site = Keycloak.createUser("site-reviewer", "tonsite", "tonsite-01").token();
        String r = Api.register(candidate, "tonsite", 2027, "tonsite-01");
        Api.anonymous().get(D + "/appointment-slots?site=tonsite-01").then().statusCode(200)
                .body("id", hasItem(MORNING)).body("find { it.id == '" + PAST + "' }.open", equalTo(false));

        book(candidate, r, MORNING).then().statusCode(409).body("code", equalTo("materials-incomplete"));
        Api.completeMaterials(candidate, "tonsite", r);
        book(candidate, r, PAST).then().statusCode(409).body("code", equalTo("booking-closed"));
        book(candidate, r, SMALL).then().statusCode(422).body("code", equalTo("invalid-field"));
        Response booked = book(candidate, r, MORNING);
        booked.then().statusCode(200).body("slot.id", equalTo(MORNING)).body("status", equalTo("BOOKED"));
        int morningBooked = slot(MORNING).getInt("booked");
        // the answer shows the slot as the public list does, this booking counted
        assertEquals(morningBooked, booked.jsonPath().getInt("slot.booked"));
        assertEquals(slot(MORNING).getInt("remaining"), booked.jsonPath().getInt("slot.remaining"));
        assertTrue(morningBooked >= 1);
        book(candidate, r, AFTERNOON).then().statusCode(200).body("slot.id", equalTo(AFTERNOON));
        assertEquals(morningBooked - 1, slot(MORNING).getInt("booked"), "rebooking gives the old place back");
        Api.as(candidate).delete(reg(r) + "/appointment").then().statusCode(204);
        Api.as(candidate).get(reg(r) + "/appointment").then().statusCode(404);
        book(candidate, r, MORNING).then().statusCode(200);
        Api.as(candidate).get(reg(r)).then().body("inPerson", equalTo(true)).body("appointment.slot.id", equalTo(MORNING));

        // The site's day: no claim-next in person; the reviewer checks the candidate in, which claims it.
        Api.as(site).post(D + "/review-queue/claims?level=SITE").then().statusCode(409).body("code", equalTo("in-person-review"));
        Api.as(site).get(D + "/appointments?date=2098-03-09").then().statusCode(200).body("registrationId", hasItem(r));
        review(site, r, "{\"level\":\"SITE\",\"outcome\":\"PASS\"}").then().statusCode(409).body("code", equalTo("not-claimed"));
        Api.as(site).post(reg(r) + "/appointment/check-in").then().statusCode(200).body("registrationId", equalTo(r));
        book(candidate, r, AFTERNOON).then().statusCode(409).body("code", equalTo("already-checked-in"));

        // In person: originals seen for three materials, a problem with the practice proof → back to the candidate.
        review(site, r, "{\"level\":\"SITE\",\"images\":[]," + "\"materials\":[{\"materialType\":\"id-card\",\"result\":\"ORIGINALS_SEEN\"}],"
                + "\"outcome\":\"PASS\"}").then().statusCode(409).body("code", equalTo("images-not-approved"));
        review(site, r, "{\"level\":\"SITE\",\"materials\":["
                + "{\"materialType\":\"id-card\",\"result\":\"ORIGINALS_SEEN\"},"
                + "{\"materialType\":\"diploma\",\"result\":\"ORIGINALS_SEEN\"},"
                + "{\"materialType\":\"practice-proof\",\"result\":\"PROBLEM\",\"comment\":\"原件与上传材料不一致\"}],"
                + "\"outcome\":\"RETURN\"}").then().statusCode(200).body("status", equalTo("FILLING"));
        Response seen = Api.as(candidate).get(reg(r));
        seen.then().body("comments[0].body", equalTo("原件与上传材料不一致"))
                .body("materials.find { it.code == 'id-card' }.images.locked", equalTo(List.of(true, true)));
        String proof = seen.jsonPath().getString("materials.find { it.code == 'practice-proof' }.images[0].id");

        // The candidate replaces it, books again and comes back; this time the site passes (shown at once here).
        Api.as(candidate).delete(reg(r) + "/images/" + proof).then().statusCode(204);
        Api.upload(candidate, "tonsite", r, "practice-proof", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        book(candidate, r, AFTERNOON).then().statusCode(200);
        Api.as(site).post(reg(r) + "/appointment/check-in").then().statusCode(200);
        review(site, r, "{\"level\":\"SITE\",\"materials\":[{\"materialType\":\"practice-proof\",\"result\":\"ORIGINALS_SEEN\"}],"
                + "\"outcome\":\"PASS\"}").then().statusCode(200).body("status", equalTo("SITE_PASSED"));
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("SITE_PASSED")).body("statusLabel.zh", equalTo("考点通过"));
    }

    @Test
    void capacityHoldsWhenManyBookAtOnce() throws Exception {
        List<String> candidates = new ArrayList<>();
        List<String> registrations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = Keycloak.createUser("candidate", "tonsite", null).token();
            String r = Api.register(token, "tonsite", 2027, "tonsite-02");
            Api.completeMaterials(token, "tonsite", r);
            candidates.add(token);
            registrations.add(r);
        }
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(i + "");
        }
        List<Integer> statuses = ReviewIT.race(calls, i -> book(candidates.get(Integer.parseInt(i)),
                registrations.get(Integer.parseInt(i)), SMALL).statusCode());
        assertEquals(2, statuses.stream().filter(s -> s == 200).count(), "booking statuses " + statuses);
        assertEquals(4, statuses.stream().filter(s -> s == 409).count(), "booking statuses " + statuses);
        assertEquals(0, slot(SMALL).getInt("remaining"));
    }

    @Test
    void onlyOnSiteDistrictsTakeAppointments() {
        String candidate = Keycloak.createUser("candidate", "tonline", null).token();
        String r = Api.register(candidate, "tonline", 2027, "tonline-01");
        Api.as(candidate).contentType("application/json").body("{\"slotId\":\"" + MORNING + "\"}")
                .put("/districts/tonline/registrations/" + r + "/appointment").then().statusCode(409)
                .body("code", equalTo("not-in-person-review"));
        String other = Keycloak.createUser("candidate", "tonsite", null).token();
        String theirs = Api.register(other, "tonsite", 2027, "tonsite-01");
        String sh = Keycloak.createUser("site-reviewer", "sh", "sh-01").token();
        Api.as(sh).post(reg(theirs) + "/appointment/check-in").then().statusCode(404);
        book(candidate, theirs, MORNING).then().statusCode(404);
    }

    private static io.restassured.path.json.JsonPath slot(String id) {
        return Api.anonymous().get(D + "/appointment-slots").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.id == '" + id + "' }");
    }
}
