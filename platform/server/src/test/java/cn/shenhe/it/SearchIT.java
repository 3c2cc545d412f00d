package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.registration.IdNumber;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search, national oversight and exports, black-box over HTTP with real Keycloak tokens. The
 * database may hold other tests' (and, on H2, earlier runs') registrations: every candidate here
 * has a fresh random ID number, and assertions look for this run's registrations, or narrow the
 * search to them by ID number so that totals and facets are exact.
 */
@ExtendWith(ArquillianExtension.class)
class SearchIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    /** A given name unlikely to exist yet: a rare surname and two characters drawn for this run. */
    static final String POOL = "霁沅珩琬璟瑄瑾玥翎棠湛澈砚彧昀暄晗钰珂璇";
    static String given;
    static Candidate bjA;   // bj-01
    static Candidate bjB;   // bj-02
    static Candidate sh;    // sh-01, same given name as the bj ones
    static String bjSiteReviewer;
    static String bjReviewer;
    static String bjAdmin;
    static String shReviewer;
    static String national;

    record Candidate(String token, String name, String idNumber, String phone, String registration) {
    }

    @BeforeAll
    static void candidatesInTwoDistricts() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        given = "" + POOL.charAt(r.nextInt(POOL.length())) + POOL.charAt(r.nextInt(POOL.length()));
        bjA = register("bj", "bj-01", "蔺" + given);
        bjB = register("bj", "bj-02", "欧阳" + given);
        sh = register("sh", "sh-01", "蔺" + given);
        bjSiteReviewer = Keycloak.createUser("site-reviewer", "bj", "bj-01").token();
        bjReviewer = Keycloak.createUser("district-reviewer", "bj", null).token();
        bjAdmin = Keycloak.createUser("district-admin", "bj", null).token();
        shReviewer = Keycloak.createUser("district-reviewer", "sh", null).token();
        national = Keycloak.createUser("national-admin", null, null).token();
        awaitIndexed(bjReviewer, "bj", bjA.idNumber());
        awaitIndexed(bjReviewer, "bj", bjB.idNumber());
        awaitIndexed(shReviewer, "sh", sh.idNumber());
    }

    static Candidate register(String district, String site, String name) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder d17 = new StringBuilder("110101");
        d17.append(1970 + r.nextInt(35)).append(String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)));
        while (d17.length() < 17) {
            d17.append(r.nextInt(10));
        }
        String idNumber = d17.toString() + IdNumber.checkCharacter(d17.toString());
        String phone = "139" + String.format("%08d", r.nextInt(100_000_000));
        String token = Keycloak.createUser("candidate", district, null).token();
        Response resp = Api.as(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + site + "\",\"name\":\"" + name
                        + "\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + phone + "\"}")
                .post("/districts/" + district + "/registrations");
        assertEquals(201, resp.statusCode(), resp.asString());
        return new Candidate(token, name, idNumber, phone, resp.jsonPath().getString("id"));
    }

    /** The index follows the database a moment after the commit (see IndexUpdater): wait up to 3 s. */
    static void awaitIndexed(String token, String district, String q) {
        long deadline = System.currentTimeMillis() + 3000;
        while (search(token, district, Map.of("q", q)).getLong("total") == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(q + " not searchable in " + district + " after 3 s");
            }
            sleep(50);
        }
    }

    static JsonPath search(String token, String district, Map<String, ?> params) {
        Response r = Api.as(token).queryParams(params).get("/districts/" + district + "/search");
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath();
    }

    static List<String> ids(JsonPath json) {
        return json.getList("hits.registrationId", String.class);
    }

    @Test
    void byChineseNameFragment() {
        for (String fragment : List.of(given.substring(1), given, "蔺" + given.charAt(0), "阳" + given.charAt(0))) {
            JsonPath json = search(bjReviewer, "bj", Map.of("q", fragment, "sort", "date", "limit", 100));
            List<String> hits = ids(json);
            assertTrue(hits.contains(fragment.startsWith("阳") ? bjB.registration() : bjA.registration()), fragment + ": " + hits);
        }
        JsonPath json = search(bjReviewer, "bj", Map.of("q", "蔺" + given + " " + bjA.idNumber().substring(12)));
        assertEquals(List.of(bjA.registration()), ids(json));
        Map<String, Object> hit = json.getMap("hits[0]");
        assertEquals(bjA.name(), hit.get("candidateName"));
        assertEquals("bj-01", hit.get("site"));
        assertEquals("FILLING", hit.get("status"));
        assertEquals("clinical-physician", hit.get("category"));
        assertEquals("/api/v1/districts/bj/registrations/" + bjA.registration(), hit.get("url"));
        assertEquals("candidateName", json.getString("hits[0].snippets[0].field"));
        assertTrue(json.getString("hits[0].snippets[0].html").contains("<em>"), json.prettify());
    }

    @Test
    void byIdNumberWholeOrEndingAndByPhoneEnding() {
        String id = bjA.idNumber();
        assertEquals(List.of(bjA.registration()), ids(search(bjReviewer, "bj", Map.of("q", id))));
        for (int n = 4; n <= 6; n++) {
            assertTrue(ids(search(bjReviewer, "bj", Map.of("q", id.substring(18 - n), "limit", 100))).contains(bjA.registration()));
        }
        assertTrue(ids(search(bjReviewer, "bj", Map.of("q", bjA.phone().substring(7), "limit", 100))).contains(bjA.registration()));
        assertEquals(List.of(bjA.registration()), ids(search(bjReviewer, "bj", Map.of("q", bjA.registration()))));
    }

    @Test
    void filtersAndFacetsCountOnlyTheHits() {
        String both = bjA.idNumber() + " ";
        JsonPath json = search(bjReviewer, "bj", Map.of("q", given));
        long total = json.getLong("total");
        assertTrue(total >= 2);
        Map<String, Integer> sites = json.getMap("facets.site");
        assertEquals(total, sites.values().stream().mapToLong(Integer::longValue).sum(), "facets add up to the total");
        JsonPath one = search(bjReviewer, "bj", Map.of("q", both));
        assertEquals(1, one.getLong("total"));
        assertEquals(Map.of("FILLING", 1), one.getMap("facets.status"));
        assertEquals(Map.of("bj-01", 1), one.getMap("facets.site"));
        assertEquals(Map.of("clinical-physician", 1), one.getMap("facets.category"));
        assertEquals(0, search(bjReviewer, "bj", Map.of("q", both, "site", "bj-02")).getLong("total"));
        assertEquals(0, search(bjReviewer, "bj", Map.of("q", both, "status", "APPROVED")).getLong("total"));
        assertEquals(1, search(bjReviewer, "bj", Map.of("q", both, "status", "filling", "category", "clinical-physician")).getLong("total"));
        assertEquals(0, search(bjReviewer, "bj", Map.of("q", both, "openComments", true)).getLong("total"), "no comment yet");
        JsonPath byDate = search(bjReviewer, "bj", Map.of("q", both, "sort", "date"));
        assertNull(byDate.get("hits[0].score"), "no score when sorted by date");
        Api.as(bjReviewer).queryParam("sort", "best").get("/districts/bj/search").then().statusCode(422)
                .body("code", equalTo("invalid-field"));
    }

    @Test
    void stageTimesGoOutAsServerTimingNotInTheResult() {
        for (Response r : List.of(Api.as(bjReviewer).queryParam("q", bjA.idNumber()).get("/districts/bj/search"),
                Api.as(national).queryParam("q", bjA.idNumber()).get("/national/search"))) {
            assertEquals(200, r.statusCode(), r.asString());
            String timing = r.header("Server-Timing");
            assertTrue(timing != null && timing.matches("parse;dur=[0-9.]+, count;dur=[0-9.]+, top;dur=[0-9.]+, snippets;dur=[0-9.]+,"
                    + " fields;dur=[0-9.]+, search;dur=[0-9.]+(, audited;dur=[0-9.]+)?"), timing);
            assertNull(r.jsonPath().get("stageMicros"));
            assertEquals(1, r.jsonPath().getLong("total"));
        }
    }

    @Test
    void siteReviewersSeeOnlyTheirSite() {
        assertEquals(List.of(bjA.registration()), ids(search(bjSiteReviewer, "bj", Map.of("q", bjA.idNumber()))));
        for (Map<String, ?> params : List.<Map<String, ?>>of(Map.of("q", bjB.idNumber()), Map.of("q", bjB.idNumber(), "site", "bj-02"))) {
            JsonPath json = search(bjSiteReviewer, "bj", params);
            assertEquals(0, json.getLong("total"));
            assertEquals(Map.of(), json.getMap("facets.site"));
            assertEquals(Map.of(), json.getMap("facets.status"));
        }
        JsonPath all = search(bjSiteReviewer, "bj", Map.of("q", given, "limit", 100));
        assertEquals(Map.of("bj-01", all.getInt("total")), all.getMap("facets.site"), "every count is of the reviewer's site");
    }

    @Test
    void candidatesMayNotSearch() {
        Api.as(bjA.token()).get("/districts/bj/search?q=" + given).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        Api.as(bjA.token()).get("/national/search?q=" + given).then().statusCode(403);
        Api.anonymous().get("/districts/bj/search?q=" + given).then().statusCode(401);
    }

    @Test
    void districtsNeverSeeEachOther() {
        // bj staff: nothing of sh, neither hits nor counts nor facets, and sh's URL is a 404
        JsonPath json = search(bjReviewer, "bj", Map.of("q", sh.idNumber()));
        assertEquals(0, json.getLong("total"));
        assertEquals(Map.of(), json.getMap("facets.status"));
        JsonPath shared = search(bjReviewer, "bj", Map.of("q", "蔺" + given, "limit", 100));
        assertTrue(!ids(shared).contains(sh.registration()));
        assertTrue(shared.getList("hits.url", String.class).stream().allMatch(u -> u.startsWith("/api/v1/districts/bj/")));
        assertTrue(((Map<?, ?>) shared.getMap("facets.site")).keySet().stream().allMatch(s -> s.toString().startsWith("bj-")));
        Api.as(bjReviewer).get("/districts/sh/search?q=" + sh.idNumber()).then().statusCode(404);
        Api.as(shReviewer).get("/districts/bj/search?q=" + bjA.idNumber()).then().statusCode(404);
        Api.as(bjReviewer).get("/national/search?q=" + sh.idNumber()).then().statusCode(403);

        // national: both districts, with a district facet
        Response r = Api.as(national).queryParam("q", "蔺" + given).queryParam("limit", 100).get("/national/search");
        assertEquals(200, r.statusCode(), r.asString());
        List<String> hits = r.jsonPath().getList("hits.registrationId", String.class);
        assertTrue(hits.containsAll(List.of(bjA.registration(), sh.registration())), hits.toString());
        Map<String, Integer> byDistrict = r.jsonPath().getMap("facets.district");
        assertTrue(byDistrict.get("bj") >= 1 && byDistrict.get("sh") >= 1, byDistrict.toString());
        JsonPath one = Api.as(national).queryParam("q", sh.idNumber()).get("/national/search").jsonPath();
        assertEquals(1, one.getLong("total"));
        assertEquals("sh", one.getString("hits[0].district"));
        assertEquals("/api/v1/districts/sh/registrations/" + sh.registration(), one.getString("hits[0].url"));
        // a national administrator may also search one district, read-only
        assertEquals(1, search(national, "sh", Map.of("q", sh.idNumber())).getLong("total"));
        Api.as(national).post("/districts/bj/search/rebuild").then().statusCode(403).body("code", equalTo("read-only"));
    }

    @Test
    void aRebuiltIndexAnswersExactlyAsTheKeptOne() {
        List<Map<String, ?>> queries = List.of(Map.of("q", given), Map.of("q", given, "sort", "date"), Map.of("q", "伟"),
                Map.of("q", bjA.idNumber().substring(14)), Map.of("q", "照片 模糊"), Map.of("status", "FILLING", "limit", 50),
                Map.of("q", given, "offset", 1, "limit", 1));
        Map<Map<String, ?>, Object> before = new HashMap<>();
        queries.forEach(q -> before.put(q, comparable(search(bjReviewer, "bj", q))));
        Api.as(bjReviewer).post("/districts/bj/search/rebuild").then().statusCode(403);
        Api.as(bjReviewer).get("/districts/bj/search/rebuild").then().statusCode(403);
        Api.as(shReviewer).get("/districts/bj/search/rebuild").then().statusCode(404);
        Response started = Api.as(bjAdmin).post("/districts/bj/search/rebuild");
        assertEquals(202, started.statusCode(), started.asString());
        assertTrue(started.header("Location").endsWith("/api/v1/districts/bj/search/rebuild"), started.header("Location"));
        assertTrue(List.of("RUNNING", "DONE").contains(started.jsonPath().getString("state")), started.asString());
        JsonPath done = awaitRebuilt(bjAdmin, "bj");
        assertEquals("DONE", done.getString("state"), done.prettify());
        assertTrue(done.getLong("registrations") >= 2);
        assertTrue(done.getLong("indexBytes") > 0);
        assertEquals("DONE", Api.as(national).get("/districts/bj/search/rebuild").jsonPath().getString("state"), "national: may follow it");
        queries.forEach(q -> assertEquals(before.get(q), comparable(search(bjReviewer, "bj", q)), "after rebuild: " + q));
    }

    /** Follows a background rebuild until it ends (at most 60 s). */
    static JsonPath awaitRebuilt(String token, String district) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Response r = Api.as(token).get("/districts/" + district + "/search/rebuild");
            assertEquals(200, r.statusCode(), r.asString());
            if (!"RUNNING".equals(r.jsonPath().getString("state"))) {
                return r.jsonPath();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("rebuild of " + district + " still running after 60 s: " + r.asString());
            }
            sleep(100);
        }
    }

    /** Everything but the timing. */
    private static Object comparable(JsonPath json) {
        return List.of(json.getLong("total"), json.getMap("facets"), json.getList("hits"));
    }

    @Test
    void nationalStatusCountsEachDistrictAndItsBacklog() {
        JsonPath before = Api.as(national).get("/national/status").then().statusCode(200).extract().jsonPath();
        Candidate gd = register("gd", "gd-01", "蔺" + given);
        Api.upload(gd.token(), "gd", gd.registration(), "diploma", TestImages.jpeg(800, 600), "image/jpeg").then().statusCode(201);
        JsonPath partial = Api.as(national).get("/national/status").then().statusCode(200).extract().jsonPath();
        assertEquals(count(before, "gd", "backlog.SITE"), count(partial, "gd", "backlog.SITE"), "incomplete: not in the site's queue");
        for (String type : new String[] {"id-card", "id-card", "practice-proof", "residence-proof"}) {
            Api.upload(gd.token(), "gd", gd.registration(), type, TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        }
        JsonPath after = Api.as(national).get("/national/status").then().statusCode(200).extract().jsonPath();
        assertEquals(count(before, "gd", "counts.FILLING") + 1, count(after, "gd", "counts.FILLING"));
        assertEquals(count(before, "gd", "registrations") + 1, count(after, "gd", "registrations"));
        assertEquals(count(before, "gd", "backlog.SITE") + 1, count(after, "gd", "backlog.SITE"), "complete: waits in the site's queue");
        assertEquals(after.getLong("total.registrations"),
                after.getList("districts.registrations", Long.class).stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of("bj", "gd", "sh"), after.getList("districts.district").stream().filter(List.of("bj", "gd", "sh")::contains).toList());
        assertEquals("北京考区", after.getString("districts.find { it.district == 'bj' }.name"));
        assertTrue(after.getList("progress").size() >= 1);
        Api.as(bjAdmin).get("/national/status").then().statusCode(403);
        Api.as(bjA.token()).get("/national/status").then().statusCode(403);
    }

    private static long count(JsonPath json, String district, String path) {
        return json.getLong("districts.find { it.district == '" + district + "' }." + path);
    }

    @Test
    void exportsCsvWithBomAndXlsxKeepChinese() throws IOException {
        byte[] csv = Api.as(bjAdmin).get("/districts/bj/exports/results.csv").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8").extract().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(csv, 3), "UTF-8 BOM for Excel");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("报名号 registration,姓名 name,"), text.substring(0, 40));
        assertTrue(text.contains(bjA.registration() + "," + bjA.name() + "," + bjA.idNumber() + ",bj-01,东城考点,clinical-physician,临床执业医师,FILLING,填报,0,"),
                "the row of " + bjA.name());
        assertTrue(!text.contains(sh.registration()), "only the district's own rows");

        byte[] xlsx = Api.as(bjAdmin).get("/districts/bj/exports/results.xlsx").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").extract().asByteArray();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getFirstSheet();
            assertEquals("审核结果", sheet.getName());
            List<Row> rows = sheet.read();
            assertEquals("报名号 registration", rows.get(0).getCellText(0));
            assertEquals(12, rows.get(0).getCellCount(), "the same columns as the CSV");
            Row a = rows.stream().filter(r -> bjA.registration().equals(r.getCellText(0))).findFirst().orElseThrow();
            assertEquals(List.of(bjA.name(), "东城考点", "临床执业医师", "填报"),
                    List.of(a.getCellText(1), a.getCellText(4), a.getCellText(6), a.getCellText(8)));
            assertEquals(0, a.getCellAsNumber(9).orElseThrow().intValue(), "open comments: a number");
            assertTrue(rows.stream().noneMatch(r -> sh.registration().equals(r.getCellText(0))), "only the district's own rows");
        }

        Api.as(bjReviewer).get("/districts/bj/exports/results.csv").then().statusCode(403);
        Api.as(shReviewer).get("/districts/bj/exports/results.csv").then().statusCode(404);

        String summary = new String(Api.as(national).get("/national/exports/summary.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("\uFEFF考区代码 district,"));
        assertTrue(summary.contains("\r\nbj,北京考区,"));
        assertTrue(summary.contains("\r\n*,全国,"));
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(Api.as(national)
                .get("/national/exports/summary.xlsx").then().statusCode(200).extract().asByteArray()))) {
            Sheet sheet = book.getFirstSheet();
            assertEquals("全国汇总", sheet.getName());
            assertTrue(sheet.read().stream().anyMatch(r -> "sh".equals(r.getCellText(0)) && "上海考区".equals(r.getCellText(1))));
        }
        Api.as(bjAdmin).get("/national/exports/summary.csv").then().statusCode(403);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
