package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * District administration through the API, with real tokens: a district administrator reads and
 * changes the district's configuration (JSON or YAML), every change is validated, versioned,
 * comparable and revertible, takes effect at once, and is refused when it would strand
 * candidates; nobody else changes it. Works on the test district tadmin, whose file is put back
 * before each test.
 */
@ExtendWith(ArquillianExtension.class)
class ConfigAdminIT {

    static final String D = "tadmin";
    static final String CONFIG = "/districts/" + D + "/config";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application().addClass(Fixtures.class);
    }

    static long audited(String action) {
        return Long.parseLong(Api.anonymous().queryParam("district", D).queryParam("action", action)
                .get("/it/fixtures/audit").then().statusCode(200).extract().asString().trim());
    }

    static String seed;
    static String admin;

    @BeforeAll
    static void users() throws IOException {
        seed = Files.readString(Path.of("src/it/tenant-configs/tadmin.yaml"), StandardCharsets.UTF_8);
        admin = Keycloak.createUser("district-admin", D, null).token();
    }

    /** Puts the district's file back (a no-op when it is in force already). */
    @BeforeEach
    void resetConfig() {
        putYaml(seed, null).then().statusCode(200);
    }

    static Response putYaml(String yaml, String ifMatch) {
        var s = Api.as(admin, "en").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8));
        if (ifMatch != null) {
            s = s.header("If-Match", ifMatch);
        }
        return s.put(CONFIG);
    }

    static int currentVersion() {
        return Integer.parseInt(Api.as(admin).get(CONFIG).then().statusCode(200).extract().header("ETag").replace("\"", ""));
    }

    @Test
    void theAdministratorReadsTheConfigurationAsJsonOrYaml() {
        Api.as(admin).get(CONFIG).then().statusCode(200).contentType("application/json")
                .header("ETag", containsString("\""))
                .body("code", equalTo(D))
                .body("sites.code", equalTo(List.of("tadmin-01", "tadmin-02")))
                .body("uploadWindow.opens", equalTo("2020-01-01T00:00:00+08:00"))
                .body("plugins.id", hasItem("inapp-notifications"))
                .body("review.mode", equalTo("online-review"));
        String yaml = Api.as(admin).accept("application/yaml").get(CONFIG).then().statusCode(200)
                .contentType(containsString("application/yaml")).extract().asString();
        assertTrue(yaml.contains("code: tadmin"), yaml);
        // The export imports unchanged: no new version.
        int v = currentVersion();
        putYaml(yaml, "\"" + v + "\"").then().statusCode(200).body("changed", equalTo(false)).body("version", equalTo(v));
    }

    @Test
    void aChangeIsANewVersionAndTakesEffectAtOnce() {
        String candidate = Keycloak.createUser("candidate", D, null).token();
        String reg = Api.register(candidate, D, 2027, "tadmin-01");
        Api.upload(candidate, D, reg, "diploma", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        Api.anonymous().get("/districts/" + D + "/requirements").then().statusCode(200)
                .body("find { it.code == 'diploma' }.maxImages", equalTo(2));
        int before = currentVersion();

        putYaml(seed.replace("maxBytes: 204800", "maxBytes: 204800\n      types:\n        diploma: { max: 1 }"), "\"" + before + "\"")
                .then().statusCode(200)
                .header("ETag", equalTo("\"" + (before + 1) + "\""))
                .body("version", equalTo(before + 1))
                .body("changed", equalTo(true))
                .body("changes[0].path", equalTo("plugins[standard-materials].settings.types"))
                .body("changes[0].before", nullValue())
                .body("changes[0].after.diploma.max", equalTo(1));

        // In force without a restart: the published rule and the upload rule both changed.
        Api.anonymous().get("/districts/" + D + "/requirements").then().statusCode(200)
                .body("find { it.code == 'diploma' }.maxImages", equalTo(1));
        Api.upload(candidate, D, reg, "diploma", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(409).body("code", equalTo("count-limit-reached"));
    }

    @Test
    void jsonEditsWithIfMatchAndAStaleVersionIsRefused() {
        int v = currentVersion();
        String json = Api.as(admin).get(CONFIG).then().statusCode(200).extract().asString();
        String edited = json.replace("\"watermark\":\"测试考区\"", "\"watermark\":\"测试考区 JSON\"");
        Api.as(admin).contentType("application/json").header("If-Match", "\"" + v + "\"").body(edited.getBytes(StandardCharsets.UTF_8))
                .put(CONFIG).then().statusCode(200)
                .body("version", equalTo(v + 1))
                .body("changes", equalTo(List.of(Map.of("path", "watermark", "before", "测试考区", "after", "测试考区 JSON"))));
        Api.as(admin).get(CONFIG).then().body("watermark", equalTo("测试考区 JSON"));
        Api.as(admin).accept("application/yaml").get(CONFIG).then().body(containsString("测试考区 JSON"));

        // Someone edits the version that is no longer current.
        Api.as(admin, "en").contentType("application/json").header("If-Match", "\"" + v + "\"")
                .body(json.getBytes(StandardCharsets.UTF_8)).put(CONFIG)
                .then().statusCode(412).contentType("application/problem+json")
                .body("code", equalTo("config-version-mismatch"))
                .body("currentVersion", equalTo(v + 1))
                .body("messages.'zh-CN'", containsString("第 " + (v + 1) + " 版"));
        Api.as(admin).get(CONFIG).then().body("watermark", equalTo("测试考区 JSON"));
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        int v = currentVersion();
        assertInvalid(seed.replace("examYear: 2027", "examYear: soon"), "examYear");
        assertInvalid(seed.replace("maxBytes: 204800", "maxBytes: 204800\n      types:\n        diploma: { max: lots }"),
                "plugins[0].settings.types.diploma.max");
        assertInvalid(seed.replace("  - id: inapp-notifications", "  - id: no-such-plugin"), "plugins[2].id");
        assertInvalid(seed.replace("closes: 2099-12-31T23:59:59+08:00", "closes: 2019-12-31T23:59:59+08:00"), "uploadWindow.closes");
        assertInvalid(seed.replace("code: tadmin-02", "code: bj-02"), "sites[1].code");
        assertInvalid("code: [", "(document)");
        // The district code cannot change.
        Response r = putYaml(seed.replace("code: tadmin\n", "code: tother\n"), null);
        r.then().statusCode(422).body("code", equalTo("config-invalid")).body("field", equalTo("code"))
                .body("messages.en", containsString("cannot change"));
        Api.as(admin).contentType("application/json").body("{\"code\":".getBytes(StandardCharsets.UTF_8)).put(CONFIG)
                .then().statusCode(422).body("code", equalTo("config-invalid")).body("field", equalTo("(document)"));
        assertEquals(v, currentVersion(), "nothing was stored");
    }

    private static void assertInvalid(String yaml, String field) {
        putYaml(yaml, null).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("config-invalid"))
                .body("field", equalTo(field))
                .body("detail", containsString(field))
                .body("messages.'zh-CN'", containsString(field));
    }

    @Test
    void versionsAreListedComparedAndReverted() {
        int base = currentVersion();
        putYaml(seed.replace("watermark: 测试考区", "watermark: 测试考区 A"), null).then().statusCode(200);
        Api.as(admin).contentType("application/yaml").queryParam("summary", "add a site")
                .body(seed.replace("watermark: 测试考区", "watermark: 测试考区 A")
                        .replace("plugins:", "  - code: tadmin-03\n    name: { zh: 第三考点, en: Third site }\nplugins:").getBytes(StandardCharsets.UTF_8))
                .put(CONFIG).then().statusCode(200).body("version", equalTo(base + 2)).body("summary", equalTo("add a site"));

        Api.as(admin).get(CONFIG + "/versions").then().statusCode(200)
                .body("[0].number", equalTo(base + 2))
                .body("[0].summary", equalTo("add a site"))
                .body("[0].author", containsString("it-tadmin-district-admin-"))
                .body("[1].number", equalTo(base + 1))
                .body("[1].summary", equalTo("1 change: watermark"))
                .body("find { it.number == 1 }.author", equalTo("system"))
                .body("find { it.number == 1 }.summary", equalTo("seeded from tadmin.yaml"));
        Api.as(admin).get(CONFIG + "/versions/1").then().statusCode(200)
                .body("number", equalTo(1)).body("author", equalTo("system")).body("config.code", equalTo(D));
        Api.as(admin).accept("application/yaml").get(CONFIG + "/versions/1").then().statusCode(200)
                .body(containsString("code: tadmin"));

        Api.as(admin).get(CONFIG + "/versions/" + base + "/diff?to=" + (base + 2)).then().statusCode(200)
                .body("from", equalTo(base)).body("to", equalTo(base + 2))
                .body("changes.path", equalTo(List.of("watermark", "sites[tadmin-03]")))
                .body("changes[0].before", equalTo("测试考区"))
                .body("changes[0].after", equalTo("测试考区 A"))
                .body("changes[1].before", nullValue())
                .body("changes[1].after.name.en", equalTo("Third site"));
        // Without "to": against the version in force.
        Api.as(admin).get(CONFIG + "/versions/" + (base + 1) + "/diff").then().statusCode(200)
                .body("to", equalTo(base + 2)).body("changes.path", equalTo(List.of("sites[tadmin-03]")));

        Api.as(admin).post(CONFIG + "/versions/" + base + "/revert").then().statusCode(201)
                .body("version", equalTo(base + 3))
                .body("summary", containsString("revert to version " + base));
        Api.as(admin).get(CONFIG + "/versions/" + base + "/diff?to=" + (base + 3)).then().statusCode(200)
                .body("changes", equalTo(List.of()));
        Api.as(admin).get(CONFIG + "/versions").then().body("[0].revertedFrom", equalTo(base));
        Api.anonymous().get("/districts/" + D).then().body("sites.code", equalTo(List.of("tadmin-01", "tadmin-02")));

        Api.as(admin).get(CONFIG + "/versions/99999").then().statusCode(404).body("code", equalTo("not-found"));
        Api.as(admin).post(CONFIG + "/versions/99999/revert").then().statusCode(404);
        Api.as(admin).post(CONFIG + "/reload").then().statusCode(200).body("version", equalTo(base + 3));
        assertTrue(audited("district-config.changed") >= 2);
        assertTrue(audited("district-config.reverted") >= 1);
        assertTrue(audited("district-config.reloaded") >= 1);
        assertEquals(1, audited("district-config.seeded"));
    }

    @Test
    void changesThatWouldStrandCandidatesAreRefused() {
        String candidate = Keycloak.createUser("candidate", D, null).token();
        String reg = Api.register(candidate, D, 2027, "tadmin-02");
        for (int i = 0; i < 2; i++) {
            Api.upload(candidate, D, reg, "practice-proof", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        }
        int v = currentVersion();

        putYaml(seed.replace("  - code: tadmin-02\n    name: { zh: 第二考点, en: Second site }\n", ""), null)
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("config-strands-candidates"))
                .body("field", equalTo("sites"))
                .body("messages.en", containsString("site tadmin-02 has"))
                .body("reasons[0].field", equalTo("sites"));
        putYaml(seed.replace("maxBytes: 204800", "maxBytes: 204800\n      types:\n        practice-proof: { min: 1, max: 1 }"), null)
                .then().statusCode(409)
                .body("code", equalTo("config-strands-candidates"))
                .body("messages.en", containsString("practice-proof"))
                .body("messages.'zh-CN'", containsString("practice-proof"));
        // A type with approved (locked) pictures cannot go: gd-materials gives residence-proof.
        String image = Api.upload(candidate, D, reg, "residence-proof", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("id");
        Api.anonymous().post("/it/fixtures/images/" + image + "/approve").then().statusCode(204);
        putYaml(seed.replace("  - id: gd-materials\n", ""), null)
                .then().statusCode(409)
                .body("code", equalTo("config-strands-candidates"))
                .body("messages.en", containsString("material type residence-proof has approved (locked) pictures"));
        assertEquals(v, currentVersion(), "nothing was stored");
        // Down to what the registration has is fine.
        putYaml(seed.replace("maxBytes: 204800", "maxBytes: 204800\n      types:\n        practice-proof: { min: 1, max: 2 }"), null)
                .then().statusCode(200).body("version", equalTo(v + 1));
    }

    @Test
    void bookedOnSiteSlotsCannotBeRemovedOrShrunkBelowTheirBookings() throws IOException {
        String site = "tadminsite";
        String siteSeed = Files.readString(Path.of("src/it/tenant-configs/tadminsite.yaml"), StandardCharsets.UTF_8);
        String siteAdmin = Keycloak.createUser("district-admin", site, null).token();
        Api.as(siteAdmin).contentType("application/yaml").body(siteSeed.getBytes(StandardCharsets.UTF_8))
                .put("/districts/" + site + "/config").then().statusCode(200);
        String slot = "tadminsite-01-20990309-0900";
        for (int i = 0; i < 2; i++) {
            String candidate = Keycloak.createUser("candidate", site, null).token();
            String reg = Api.register(candidate, site, 2027, "tadminsite-01");
            Api.anonymous().queryParam("district", site).queryParam("slot", slot)
                    .post("/it/fixtures/registrations/" + reg + "/appointment").then().statusCode(204);
        }
        String shrunk = siteSeed.replace("start: \"09:00\", end: \"11:30\", capacity: 40", "start: \"09:00\", end: \"11:30\", capacity: 1");
        Api.as(siteAdmin, "en").contentType("application/yaml").body(shrunk.getBytes(StandardCharsets.UTF_8))
                .put("/districts/" + site + "/config").then().statusCode(409)
                .body("code", equalTo("config-strands-candidates"))
                .body("field", equalTo("plugins[1].settings.slots"))
                .body("messages.en", containsString("on-site slot " + slot + " has"));
        String removed = siteSeed.replace("        - { site: tadminsite-01, date: 2099-03-09, start: \"09:00\", end: \"11:30\", capacity: 40 }\n", "");
        Api.as(siteAdmin, "en").contentType("application/yaml").body(removed.getBytes(StandardCharsets.UTF_8))
                .put("/districts/" + site + "/config").then().statusCode(409)
                .body("code", equalTo("config-strands-candidates"))
                .body("messages.en", containsString("cannot be removed"));
        // The unbooked slot may go.
        String otherRemoved = siteSeed.replace("        - { site: tadminsite-01, date: 2099-03-09, start: \"13:30\", end: \"16:30\", capacity: 40 }\n", "");
        Api.as(siteAdmin).contentType("application/yaml").body(otherRemoved.getBytes(StandardCharsets.UTF_8))
                .put("/districts/" + site + "/config").then().statusCode(200)
                .body("changes[0].path", equalTo("plugins[onsite-review].settings.slots[1]"));
    }

    /** Online and on-site review are plugins named in the configuration: an edit switches them, no code or restart. */
    @Test
    void theReviewModeSwitchesThroughTheConfiguration() {
        String candidate = Keycloak.createUser("candidate", D, null).token();
        String reg = Api.register(candidate, D, 2027, "tadmin-01");
        Api.completeMaterials(candidate, D, reg);
        Api.upload(candidate, D, reg, "residence-proof", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        String slot = "tadmin-01-20990309-0900";
        book(candidate, reg, slot).then().statusCode(409).body("code", equalTo("not-in-person-review"));

        String onsite = seed.replace("mode: online-review", "mode: onsite-review").replace("  - id: online-review\n",
                "  - id: onsite-review\n    settings:\n      slots:\n"
                        + "        - { site: tadmin-01, date: 2099-03-09, start: \"09:00\", end: \"11:30\", capacity: 2 }\n");
        putYaml(onsite, null).then().statusCode(200).body("changes.path", hasItem("review.mode"));
        Api.anonymous().get("/districts/" + D).then().statusCode(200)
                .body("reviewMode", equalTo("onsite-review")).body("inPerson", equalTo(true));
        Api.anonymous().get("/districts/" + D + "/appointment-slots").then().statusCode(200).body("id", equalTo(List.of(slot)));
        book(candidate, reg, slot).then().statusCode(200).body("slot.id", equalTo(slot));
        Api.as(candidate).get("/districts/" + D + "/registrations/" + reg).then().statusCode(200)
                .body("inPerson", equalTo(true)).body("appointment.slot.id", equalTo(slot));

        // Back to online review: the booked candidate would lose their slot, so not while it is booked.
        putYaml(seed, null).then().statusCode(409).body("code", equalTo("config-strands-candidates"));
        Api.as(candidate).delete("/districts/" + D + "/registrations/" + reg + "/appointment").then().statusCode(204);
        putYaml(seed, null).then().statusCode(200);
        Api.anonymous().get("/districts/" + D).then().body("reviewMode", equalTo("online-review")).body("inPerson", equalTo(false));
        Api.as(candidate).get("/districts/" + D + "/registrations/" + reg).then().body("inPerson", equalTo(false));
    }

    private static Response book(String token, String registration, String slot) {
        return Api.as(token).contentType("application/json").body("{\"slotId\":\"" + slot + "\"}")
                .put("/districts/" + D + "/registrations/" + registration + "/appointment");
    }

    @Test
    void onlyTheDistrictsAdministratorChangesItNationalReadsOthersSeeNothing() {
        String candidate = Keycloak.createUser("candidate", D, null).token();
        String reviewer = Keycloak.createUser("district-reviewer", D, null).token();
        String otherAdmin = Keycloak.createUser("district-admin", "bj", null).token();
        String national = Keycloak.createUser("national-admin", null, null).token();

        Api.anonymous().get(CONFIG).then().statusCode(401);
        Api.as(candidate).get(CONFIG).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        Api.as(reviewer).get(CONFIG).then().statusCode(403);
        Api.as(reviewer).contentType("application/yaml").body(seed.getBytes(StandardCharsets.UTF_8)).put(CONFIG).then().statusCode(403);
        Api.as(otherAdmin).get(CONFIG).then().statusCode(404).body("code", equalTo("not-found"));
        Api.as(otherAdmin).contentType("application/yaml").body(seed.getBytes(StandardCharsets.UTF_8)).put(CONFIG).then().statusCode(404);
        Api.as(otherAdmin).get(CONFIG + "/versions").then().statusCode(404);
        Api.as(otherAdmin).get("/districts/bj/config").then().statusCode(200).body("code", equalTo("bj"));

        Api.as(national).get(CONFIG).then().statusCode(200).body("code", equalTo(D));
        Api.as(national).get(CONFIG + "/versions").then().statusCode(200);
        Api.as(national).contentType("application/yaml").body(seed.getBytes(StandardCharsets.UTF_8)).put(CONFIG).then().statusCode(403).body("code", equalTo("read-only"));
        Api.as(national).post(CONFIG + "/versions/1/revert").then().statusCode(403).body("code", equalTo("read-only"));
        Api.as(national).contentType("image/png").body(TestImages.png(400, 300)).put(CONFIG + "/samples/diploma")
                .then().statusCode(403).body("code", equalTo("read-only"));
        Api.as(candidate).contentType("image/png").body(TestImages.png(400, 300)).put(CONFIG + "/samples/diploma")
                .then().statusCode(403);
    }

    @Test
    void aSampleImageUploadedByTheAdministratorIsServedPublicly() {
        String sample = "/districts/" + D + "/material-types/diploma/sample";
        Api.as(admin).delete(CONFIG + "/samples/diploma"); // from an earlier run, if any
        byte[] plugins = Api.anonymous().get(sample).then().statusCode(200).contentType("image/png").extract().asByteArray();

        // A photo with an Exif block (orientation 6: the camera was turned; a GPS position) goes through the
        // image pipeline: what is served is a fresh JPEG, upright, without the Exif block.
        byte[] mine = TestImages.withExifOrientation(TestImages.jpeg(600, 400), 6);
        assertTrue(mine.length < 200 * 1024);
        assertTrue(TestImages.hasExif(mine));
        int storedBytes = Api.as(admin).contentType("image/jpeg").body(mine).put(CONFIG + "/samples/diploma").then().statusCode(200)
                .body("contentType", equalTo("image/jpeg"))
                .body("url", equalTo("/api/v1" + sample))
                .extract().path("bytes");
        byte[] served = Api.anonymous().get(sample).then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertEquals(storedBytes, served.length);
        assertFalse(java.util.Arrays.equals(mine, served), "re-encoded, not stored as received");
        assertFalse(TestImages.hasExif(served), "no Exif (GPS, camera) in the served sample");
        java.awt.image.BufferedImage upright = TestImages.decode(served);
        assertEquals(400, upright.getWidth(), "turned upright by its orientation");
        assertEquals(600, upright.getHeight());
        // A PNG is stored as a JPEG too.
        byte[] png = TestImages.png(400, 300);
        Api.as(admin).contentType("image/png").body(png).put(CONFIG + "/samples/diploma").then().statusCode(200)
                .body("contentType", equalTo("image/jpeg"));
        assertEquals(400, TestImages.decode(Api.anonymous().get(sample).then().contentType("image/jpeg").extract().asByteArray()).getWidth());
        Api.as(admin).contentType("image/jpeg").body(mine).put(CONFIG + "/samples/diploma").then().statusCode(200);
        served = Api.anonymous().get(sample).asByteArray();
        // Another district still gets the plugin's.
        assertFalse(java.util.Arrays.equals(mine, Api.anonymous().get("/districts/bj/material-types/diploma/sample").asByteArray()));

        Api.as(admin, "en").contentType("image/png").body(new byte[300 * 1024]).put(CONFIG + "/samples/diploma")
                .then().statusCode(413).body("code", equalTo("file-too-large"));
        Api.as(admin).contentType("image/png").body("not a picture".getBytes(StandardCharsets.UTF_8)).put(CONFIG + "/samples/diploma")
                .then().statusCode(415).body("code", equalTo("format-not-accepted"));
        Api.as(admin).contentType("image/png").body(TestImages.png(400, 300)).put(CONFIG + "/samples/no-such-type")
                .then().statusCode(404).body("code", equalTo("material-type-not-found"));
        assertArrayEquals(served, Api.anonymous().get(sample).asByteArray(), "refused uploads change nothing");

        long uploads = audited("district-sample.uploaded");
        assertTrue(uploads >= 1);
        Api.as(admin).delete(CONFIG + "/samples/diploma").then().statusCode(204);
        assertArrayEquals(plugins, Api.anonymous().get(sample).then().statusCode(200).contentType("image/png").extract().asByteArray());
        Api.as(admin).delete(CONFIG + "/samples/diploma").then().statusCode(404);
    }

    @Test
    void theSchemaDocumentsTheNewEndpoints() {
        Api.server().get("/openapi").then().statusCode(200)
                .body(containsString("/api/v1/districts/{district}/config/versions/{n}/diff"))
                .body(containsString("/api/v1/me/notifications"));
    }
}
