package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.material.image.SampleImages;
import cn.shenhe.material.reuse.SyntheticIdCards;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reuse detection on the real server, in test districts {@code treuse} (sites 01 and 02) and {@code treuse2}:
 * a copy of another candidate's stored picture (downloaded with its watermark, scaled to 95 %, recompressed at
 * quality 60, uploaded and watermarked again) is flagged to reviewers on both pictures, with the other
 * registration and its picture for a side-by-side view; another person's card of the same template is not; a
 * candidate's own re-upload is not; a site reviewer is told without the other site's registration; another
 * district's staff never see it, national admins do, in the registration and in the cross-district report; a
 * picture stored without a hash takes part once the backfill has run. Each test uses its own people (seeds):
 * the schema is fresh each run, so no earlier picture is near.
 */
@ExtendWith(ArquillianExtension.class)
class ReuseIT {

    private static final String D = "treuse", D2 = "treuse2";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application().addClass(Fixtures.class);
    }

    /** A candidate's registration with one ID-card picture stored: {registration, picture, token}. */
    private record Stored(String registration, String image, String token) {
    }

    private static Stored upload(String district, String site, byte[] jpeg) {
        String token = Keycloak.createUser("candidate", district, null).token();
        String r = Api.register(token, district, 2027, site);
        String image = Api.upload(token, district, r, "id-card", jpeg, "image/jpeg").then().statusCode(201)
                .extract().jsonPath().getString("id");
        return new Stored(r, image, token);
    }

    private static byte[] card(long person) {
        byte[] jpeg = SampleImages.jpeg(SyntheticIdCards.card(person, person * 7 + 1), 0.85f);
        assertTrue(jpeg.length <= 200_000, "the card photo must fit the ID card's 200 KB: " + jpeg.length);
        return jpeg;
    }

    /** What someone does with another's picture: downloads it (watermarked), scales it to 95 %, recompresses it at 60. */
    private static byte[] copyOf(Stored s, String district) {
        byte[] stored = Api.as(s.token()).get("/districts/" + district + "/registrations/" + s.registration() + "/images/" + s.image())
                .then().statusCode(200).extract().asByteArray();
        return SyntheticIdCards.copied(TestImages.decode(stored), 0.95, 0.6f);
    }

    private static JsonPath registration(String token, String district, String r) {
        return Api.as(token).get("/districts/" + district + "/registrations/" + r).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> flags(JsonPath registration, String image) {
        return registration.getList("materials.images.flatten().find { it.id == '" + image + "' }.reuse");
    }

    @Test
    void aCopyOfAnotherCandidatesPictureIsFlaggedOnBothWithTheOtherRegistration() {
        Stored original = upload(D, "treuse-01", card(101));
        Stored copy = upload(D, "treuse-01", copyOf(original, D));
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();

        JsonPath onCopy = registration(reviewer, D, copy.registration());
        List<Map<String, Object>> flags = flags(onCopy, copy.image());
        assertTrue(flags.size() == 1, "one flag on the copy: " + flags);
        Map<String, Object> flag = flags.get(0);
        assertTrue(Boolean.TRUE.equals(flag.get("named")), flag.toString());
        assertTrue(original.registration().equals(flag.get("otherRegistration")), flag.toString());
        assertTrue(original.image().equals(flag.get("otherImage")), flag.toString());
        assertTrue(((Integer) flag.get("distance")) <= 8, flag.toString());
        // the side-by-side view: the reviewer reads the other picture where the flag says
        Api.as(reviewer).get(((String) flag.get("otherImageUrl")).replaceFirst("^/api/v1", ""))
                .then().statusCode(200).contentType("image/jpeg");

        List<Map<String, Object>> back = flags(registration(reviewer, D, original.registration()), original.image());
        assertTrue(back.size() == 1 && copy.registration().equals(back.get(0).get("otherRegistration")), back.toString());

        // candidates are not told (neither the copier nor the one copied)
        assertTrue(flags(registration(copy.token(), D, copy.registration()), copy.image()).isEmpty());
        assertTrue(flags(registration(original.token(), D, original.registration()), original.image()).isEmpty());
    }

    @Test
    void anotherPersonsCardOfTheSameTemplateIsNotFlagged() {
        Stored first = upload(D, "treuse-01", card(201));
        Stored second = upload(D, "treuse-01", card(202));
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        assertTrue(flags(registration(reviewer, D, first.registration()), first.image()).isEmpty());
        assertTrue(flags(registration(reviewer, D, second.registration()), second.image()).isEmpty());
    }

    @Test
    void aCandidatesOwnReuploadIsNotFlagged() {
        Stored first = upload(D, "treuse-01", card(301));
        String again = Api.upload(first.token(), D, first.registration(), "id-card", copyOf(first, D), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("id");
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        JsonPath r = registration(reviewer, D, first.registration());
        assertTrue(flags(r, first.image()).isEmpty());
        assertTrue(flags(r, again).isEmpty());
    }

    @Test
    void aSiteReviewerIsToldOfAMatchAtAnotherSiteWithoutItsRegistration() {
        Stored original = upload(D, "treuse-01", card(401));
        Stored copy = upload(D, "treuse-02", copyOf(original, D));
        String siteReviewer = Keycloak.createUser("site-reviewer", D, "treuse-02").token();
        List<Map<String, Object>> flags = flags(registration(siteReviewer, D, copy.registration()), copy.image());
        assertTrue(flags.size() == 1, flags.toString());
        Map<String, Object> flag = flags.get(0);
        assertTrue(Boolean.FALSE.equals(flag.get("named")) && flag.get("otherRegistration") == null
                && flag.get("otherImageUrl") == null, flag.toString());
        // the district reviewer sees both sites: named
        String districtReviewer = Keycloak.createUser("district-reviewer", D, null).token();
        assertTrue(original.registration().equals(
                flags(registration(districtReviewer, D, copy.registration()), copy.image()).get(0).get("otherRegistration")));
    }

    @Test
    void anotherDistrictsCopyIsForNationalAdminsOnly() {
        Stored original = upload(D, "treuse-01", card(501));
        Stored copy = upload(D2, "treuse2-01", copyOf(original, D));
        String reviewer2 = Keycloak.createUser("district-reviewer", D2, null).token();
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        String national = Keycloak.createUser("national-admin", null, null).token();

        // neither district's staff learn of the other district's registration
        assertTrue(flags(registration(reviewer2, D2, copy.registration()), copy.image()).isEmpty());
        assertTrue(flags(registration(reviewer, D, original.registration()), original.image()).isEmpty());
        Api.as(reviewer2).get("/districts/" + D + "/registrations/" + original.registration()).then().statusCode(404);
        Api.as(reviewer2).get("/national/reuse").then().statusCode(403);

        // the national admin sees it on the registration and in the report
        List<Map<String, Object>> flags = flags(registration(national, D2, copy.registration()), copy.image());
        assertTrue(flags.size() == 1 && D.equals(flags.get(0).get("otherDistrict"))
                && original.registration().equals(flags.get(0).get("otherRegistration")), flags.toString());
        JsonPath report = Api.as(national).get("/national/reuse").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1)).extract().jsonPath();
        Map<String, Object> pair = report.getMap("pairs.find { it.first.image == '" + original.image() + "' }");
        assertTrue(pair != null, report.prettify());
        assertTrue(copy.image().equals(((Map<?, ?>) pair.get("second")).get("image")) && D2.equals(((Map<?, ?>) pair.get("second")).get("district")),
                pair.toString());
        Api.as(national).get(((String) ((Map<?, ?>) pair.get("second")).get("imageUrl")).replaceFirst("^/api/v1", ""))
                .then().statusCode(200);
    }

    @Test
    void aPictureStoredWithoutAHashIsFoundOnceTheBackfillRan() {
        Stored original = upload(D, "treuse-01", card(601));
        Stored copy = upload(D, "treuse-01", copyOf(original, D));
        Api.anonymous().post("/it/fixtures/images/" + original.image() + "/forget-hash").then().statusCode(204);
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        assertTrue(flags(registration(reviewer, D, copy.registration()), copy.image()).isEmpty());

        String admin = Keycloak.createUser("district-admin", D, null).token();
        String backfill = "/districts/" + D + "/reuse/backfill";
        Api.as(admin).get(backfill).then().statusCode(200).body("pending", greaterThanOrEqualTo(1));
        Api.as(Keycloak.createUser("national-admin", null, null).token()).post(backfill).then().statusCode(403)
                .body("code", equalTo("read-only"));
        Api.as(admin).post(backfill + "?limit=1000").then().statusCode(200)
                .body("hashed", greaterThanOrEqualTo(1)).body("matched", greaterThanOrEqualTo(1));
        Api.as(admin).get(backfill).then().statusCode(200).body("pending", equalTo(0));
        List<Map<String, Object>> flags = flags(registration(reviewer, D, copy.registration()), copy.image());
        assertTrue(flags.size() == 1 && original.registration().equals(flags.get(0).get("otherRegistration")), flags.toString());
    }

    @Test
    void deletingTheCopyRemovesTheFlag() {
        Stored original = upload(D, "treuse-01", card(701));
        Stored copy = upload(D, "treuse-01", copyOf(original, D));
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        assertTrue(flags(registration(reviewer, D, original.registration()), original.image()).size() == 1);
        Api.as(copy.token()).delete("/districts/" + D + "/registrations/" + copy.registration() + "/images/" + copy.image())
                .then().statusCode(204);
        assertTrue(flags(registration(reviewer, D, original.registration()), original.image()).isEmpty());
    }
}
