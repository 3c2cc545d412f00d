package cn.shenhe.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The candidate's path through the real server: register, see requirements, upload, read back, delete. */
@ExtendWith(ArquillianExtension.class)
class UploadIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    private static String candidate(String district) {
        return Keycloak.createUser("candidate", district, null).token();
    }

    @Test
    void registersAndSeesTheDistrictsMaterialSlots() {
        String token = candidate("bj");
        Response r = Api.as(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-02\",\"idNumber\":\"11010519491231002X\",\"phone\":\"13800138000\"}")
                .post("/districts/bj/registrations");
        r.then().statusCode(201)
                .header("Location", containsString("/api/v1/districts/bj/registrations/"))
                .body("status", equalTo("FILLING"))
                .body("statusLabel.zh", equalTo("填报"))
                .body("site", equalTo("bj-02"))
                .body("candidateName", equalTo("李测试"))
                .body("comments", hasSize(0))
                .body("materials.code", equalTo(java.util.List.of("id-card", "diploma", "practice-proof", "other")))
                .body("materials.find { it.code == 'id-card' }.fixedCount", equalTo(true))
                .body("materials.find { it.code == 'id-card' }.maxImages", equalTo(2))
                .body("materials.find { it.code == 'other' }.required", equalTo(false))
                .body("materials.find { it.code == 'diploma' }.maxBytes", equalTo(204800))
                .body("materials.find { it.code == 'diploma' }.formats", equalTo(java.util.List.of("image/jpeg", "image/png")))
                .body("complete", equalTo(false));
        String sample = r.jsonPath().getString("materials[0].sampleUrl");
        Api.anonymous().get(sample.substring("/api/v1".length())).then().statusCode(200).contentType("image/png");

        // once per exam year
        Api.as(token).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("already-registered"));
    }

    @Test
    void registrationInputIsValidated() {
        String token = candidate("bj");
        Api.as(token).contentType("application/json").body("{\"examYear\":2027,\"category\":\"dentist\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations").then().statusCode(422).body("code", equalTo("invalid-field"));
        Api.as(token).contentType("application/json").body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"sh-01\"}")
                .post("/districts/bj/registrations").then().statusCode(422).body("field", equalTo("site"));
        Api.as(token).contentType("application/json").body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\",\"idNumber\":\"110105194912310021\"}")
                .post("/districts/bj/registrations").then().statusCode(422).body("field", equalTo("idNumber"));
        Api.as(token).contentType("application/json").body("{\"category\":\"clinical-physician\"}")
                .post("/districts/bj/registrations").then().statusCode(422).body("code", equalTo("validation-failed"))
                .body("messages.en", startsWith("Invalid input"));
        Api.as(token).contentType("application/json").body("{\"examYear\":2030,\"category\":\"clinical-physician\",\"site\":\"bj-01\"}")
                .post("/districts/bj/registrations").then().statusCode(422).body("code", equalTo("exam-year-not-open"));
        Api.as(token).contentType("application/json").body("{not json")
                .post("/districts/bj/registrations").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void uploadsAreWatermarkedStrippedAndReadBack() {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");
        byte[] original = TestImages.withExifOrientation(TestImages.jpeg(1000, 750), 1);
        assertTrue(original.length < 204_800, "test picture size " + original.length);

        Response up = Api.upload(token, "bj", reg, "id-card", original, "image/jpeg");
        up.then().statusCode(201).contentType("application/json")
                .body("state", equalTo("SUBMITTED")).body("locked", equalTo(false))
                .body("width", equalTo(1000)).body("height", equalTo(750));
        String url = up.jsonPath().getString("url");
        assertTrue(up.header("Location").endsWith(url), up.header("Location"));

        byte[] stored = Api.as(token).get(url.substring("/api/v1".length()))
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertFalse(TestImages.hasExif(stored), "metadata must not survive");
        BufferedImage a = TestImages.decode(original);
        BufferedImage b = TestImages.decode(stored);
        assertEquals(1000, b.getWidth());
        assertEquals(750, b.getHeight());
        assertTrue(meanDifference(a, b) > 2.0, "the watermark must change the picture");
        assertEquals(0xD9, stored[stored.length - 1] & 0xFF, "nothing after the JPEG's end");

        // multipart, PNG
        byte[] png = TestImages.png(900, 700);
        assertTrue(png.length < 204_800, "test PNG size " + png.length);
        Api.as(token).multiPart("file", "毕业证.png", png, "image/png")
                .post("/districts/bj/registrations/" + reg + "/materials/diploma/images")
                .then().statusCode(201).body("width", equalTo(900));

        JsonPath view = Api.as(token).get("/districts/bj/registrations/" + reg).then().statusCode(200).extract().jsonPath();
        assertEquals(1, view.getInt("materials.find { it.code == 'id-card' }.count"));
        assertEquals(1, view.getInt("materials.find { it.code == 'diploma' }.count"));
        assertTrue(view.getBoolean("materials.find { it.code == 'diploma' }.complete"));
        assertTrue(view.getBoolean("materials.find { it.code == 'id-card' }.canUpload"));
    }

    @Test
    void exifOrientationIsApplied() {
        String token = candidate("gd");
        String reg = Api.register(token, "gd", 2027, "gd-01");
        // Stored 1000x750 with orientation 6 (rotate 90° clockwise): upright it is 750x1000.
        Api.upload(token, "gd", reg, "practice-proof", TestImages.withExifOrientation(TestImages.jpeg(1000, 750), 6), "image/jpeg")
                .then().statusCode(201).body("width", equalTo(750)).body("height", equalTo(1000));
    }

    @Test
    void fixedCountTypesTakeExactlyTheirNumber() {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");
        Api.upload(token, "bj", reg, "id-card", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(201);
        Api.upload(token, "bj", reg, "id-card", TestImages.jpeg(1000, 751), "image/jpeg").then().statusCode(201);
        Api.upload(token, "bj", reg, "id-card", TestImages.jpeg(1000, 752), "image/jpeg").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("count-limit-reached"))
                .body("maxImages", equalTo(2))
                .body("messages.'zh-CN'", startsWith("「身份证明」最多上传 2 张"));
        Api.as(token).get("/districts/bj/registrations/" + reg).then()
                .body("materials.find { it.code == 'id-card' }.canUpload", equalTo(false))
                .body("materials.find { it.code == 'id-card' }.complete", equalTo(true));
    }

    @Test
    void deletesBeforeReviewAndTheAuditLogKeepsTrack() {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");
        String url = Api.upload(token, "bj", reg, "other", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("url").substring("/api/v1".length());
        Api.as(token).delete(url).then().statusCode(204);
        Api.as(token).get(url).then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not-found"));
        Api.as(token).delete(url).then().statusCode(404);
        Api.as(token).get("/districts/bj/registrations/" + reg).then()
                .body("materials.find { it.code == 'other' }.count", equalTo(0));

        String admin = Keycloak.createUser("district-admin", "bj", null).token();
        Api.as(admin).get("/districts/bj/registrations/" + reg + "/audit").then().statusCode(200)
                .body("action", equalTo(java.util.List.of("registration.created", "material-image.uploaded", "material-image.deleted")))
                .body("actor", hasItem(startsWith("it-bj-candidate-")));
        Api.as(token).get("/districts/bj/registrations/" + reg + "/audit").then().statusCode(403);
    }

    @Test
    void everyRefusalIsAProblemWithACodeAndNothingIsStored() {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");

        byte[] big = TestImages.jpeg(TestImages.photo(2400, 1800, 7), 0.95f);
        assertTrue(big.length > 204_800);
        refusal(Api.upload(token, "bj", reg, "diploma", big, "image/jpeg"), 413, "file-too-large");
        refusal(Api.upload(token, "bj", reg, "diploma", "这不是图片 not a picture".getBytes(), "image/jpeg"), 415, "format-not-accepted");
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
        refusal(Api.upload(token, "bj", reg, "diploma", gif, "image/png"), 415, "format-not-accepted");
        byte[] jpeg = TestImages.jpeg(1000, 750);
        refusal(Api.upload(token, "bj", reg, "diploma", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg"), 422, "image-unreadable");
        refusal(Api.upload(token, "bj", reg, "diploma", TestImages.pixelBombPng(), "image/png"), 422, "image-dimensions-too-large");
        refusal(Api.upload(token, "bj", reg, "diploma", new byte[0], "image/jpeg"), 400, "empty-file");
        refusal(Api.upload(token, "bj", reg, "diploma", TestImages.jpeg(TestImages.photo(200, 150, 3), 0.9f), "image/jpeg"), 422, "resolution-too-low");
        refusal(Api.upload(token, "bj", reg, "passport", jpeg, "image/jpeg"), 404, "material-type-not-found");
        refusal(Api.as(token).contentType("text/plain").body("hello")
                .post("/districts/bj/registrations/" + reg + "/materials/diploma/images"), 415, "unsupported-media-type");

        Api.as(token).get("/districts/bj/registrations/" + reg).then().statusCode(200)
                .body("materials.count", not(hasItem(not(equalTo(0)))));
        Api.server().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void oneUserCannotFloodTheServer() throws Exception {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");
        // every attempt counts, even one refused for its content: a script gets nowhere by sending junk.
        // Eight at a time, so the bucket's refill (30 a minute) adds little even on a slow machine.
        java.util.List<Response> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                sent.add(senders.submit(() -> answers.add(Api.upload(token, "bj", reg, "diploma", new byte[0], "image/jpeg"))));
            }
            for (var f : sent) f.get();
        } finally {
            senders.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long admitted = answers.stream().filter(r -> r.statusCode() == 400).count();
        java.util.List<Response> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(80, admitted + limited.size(), "only 400 empty-file or 429");
        assertTrue(admitted >= 30 && admitted <= 30 + seconds / 2 + 1, admitted + " admitted in " + seconds + " s: a burst of 30, +30/min");
        assertFalse(limited.isEmpty());
        refusal(limited.getFirst(), 429, "too-many-uploads");
        int retryAfter = Integer.parseInt(limited.getFirst().getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        // another candidate is not held back
        String other = candidate("bj");
        Api.upload(other, "bj", Api.register(other, "bj", 2027, "bj-01"), "diploma", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201);
    }

    @Test
    void problemsSpeakEnglishWhenAskedTo() {
        String token = candidate("bj");
        String reg = Api.register(token, "bj", 2027, "bj-01");
        Api.as(token, "en-US,en;q=0.9").contentType("image/jpeg").body(new byte[] {1, 2, 3})
                .post("/districts/bj/registrations/" + reg + "/materials/diploma/images")
                .then().statusCode(415).header("Content-Language", "en").body("detail", not(equalTo(null)))
                .body("title", not(startsWith("图片")));
    }

    private static void refusal(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body("type", equalTo("https://shenhe.cn/problems/" + code))
                .body("messages.'zh-CN'", not(equalTo(null)))
                .body("messages.en", not(equalTo(null)));
        assertNotNull(r.jsonPath().getString("detail"));
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y += 5) {
            for (int x = 0; x < a.getWidth(); x += 5) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
                        + Math.abs((p & 255) - (q & 255));
                n++;
            }
        }
        return sum / (3.0 * n);
    }
}
