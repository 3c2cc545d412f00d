package cn.shenhe.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Online two-level review in the test district {@code tonline} (outcomes shown once published):
 * queue, claims and their race, per-picture decisions and locks, comments the candidate sees
 * first, the fix coming back marked, 考点通过 → 审核通过 / 审核拒绝, and who may do what.
 * Site tonline-01 holds the full paths, tonline-02 the claim race, tonline-03 the access checks.
 */
@ExtendWith(ArquillianExtension.class)
class ReviewIT {

    private static final String D = "/districts/tonline";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    private static String reg(String id) {
        return D + "/registrations/" + id;
    }

    private static Response review(String token, String registration, String json) {
        return Api.as(token).contentType("application/json").body(json).post(reg(registration) + "/reviews");
    }

    @Test
    void theWholeTwoLevelPath() {
        String candidate = Keycloak.createUser("candidate", "tonline", null).token();
        String site = Keycloak.createUser("site-reviewer", "tonline", "tonline-01").token();
        String otherSite = Keycloak.createUser("site-reviewer", "tonline", "tonline-01").token();
        String district = Keycloak.createUser("district-reviewer", "tonline", null).token();
        String admin = Keycloak.createUser("district-admin", "tonline", null).token();
        String r = Api.register(candidate, "tonline", 2027, "tonline-01");
        List<String> images = Api.completeMaterials(candidate, "tonline", r);
        String idFront = images.get(0);
        String proof = images.get(3);

        // Complete → in the site's queue, in order.
        Api.as(site).get(D + "/review-queue?level=SITE").then().statusCode(200)
                .body("items.registrationId", hasItem(r)).body("site", equalTo("tonline-01"));
        Api.as(site).get(reg(r)).then().statusCode(200).body("review.queueLevel", equalTo("SITE"))
                .body("status", equalTo("FILLING"));
        Api.as(candidate).get(reg(r)).then().statusCode(200).body("review", nullValue()).body("complete", equalTo(true));

        // Order and claims: the district cannot go first; nobody decides without a claim.
        review(district, r, "{\"level\":\"DISTRICT\",\"outcome\":\"APPROVE\"}").then().statusCode(409)
                .body("code", equalTo("review-out-of-order"));
        review(site, r, "{\"level\":\"SITE\",\"outcome\":\"PASS\"}").then().statusCode(409).body("code", equalTo("not-claimed"));
        review(site, r, "{\"level\":\"DISTRICT\",\"outcome\":\"APPROVE\"}").then().statusCode(403).body("code", equalTo("wrong-review-level"));
        Api.as(site).put(reg(r) + "/claim").then().statusCode(200).body("registrationId", equalTo(r))
                .body("level", equalTo("SITE")).body("expiresAt", notNullValue());
        Api.as(otherSite).put(reg(r) + "/claim").then().statusCode(409).body("code", equalTo("already-claimed"));
        review(otherSite, r, "{\"level\":\"SITE\",\"outcome\":\"PASS\"}").then().statusCode(409).body("code", equalTo("not-claimed"));

        // Approve three pictures, ask for a new practice proof; passing is refused until all are approved.
        review(site, r, "{\"level\":\"SITE\",\"images\":["
                + "{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(1) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(2) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + proof + "\",\"decision\":\"REQUEST_CHANGES\"}]}").then().statusCode(422)
                .body("code", equalTo("comment-required"));
        review(site, r, "{\"level\":\"SITE\",\"images\":["
                + "{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(1) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(2) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + proof + "\",\"decision\":\"REQUEST_CHANGES\",\"comment\":\"执业证明照片模糊,请重新上传\"}],"
                + "\"comments\":[{\"body\":\"核对过学历信息\",\"visibility\":\"INTERNAL\"}],\"outcome\":\"PASS\"}")
                .then().statusCode(409).body("code", equalTo("images-not-approved"));
        // All or nothing: the refused request changed nothing.
        Api.as(candidate).get(reg(r)).then().body("comments", equalTo(List.of()));
        review(site, r, "{\"level\":\"SITE\",\"images\":["
                + "{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(1) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + images.get(2) + "\",\"decision\":\"APPROVE\"},"
                + "{\"imageId\":\"" + proof + "\",\"decision\":\"REQUEST_CHANGES\",\"comment\":\"执业证明照片模糊,请重新上传\"}],"
                + "\"comments\":[{\"body\":\"核对过学历信息\",\"visibility\":\"INTERNAL\"}],\"outcome\":\"RETURN\"}")
                .then().statusCode(200).body("status", equalTo("FILLING")).body("review.queueLevel", nullValue());

        // The candidate: the comment first, no internal note; locks and check marks; the comment by the picture.
        Response seen = Api.as(candidate).get(reg(r));
        seen.then().statusCode(200)
                .body("comments[0].body", equalTo("执业证明照片模糊,请重新上传"))
                .body("comments[0].open", equalTo(true))
                .body("comments[0].author", org.hamcrest.Matchers.nullValue())   // signed by level, not by name
                .body("comments.body", not(hasItem("核对过学历信息")))
                .body("materials.find { it.code == 'id-card' }.images.locked", equalTo(List.of(true, true)))
                .body("materials.find { it.code == 'id-card' }.images.state", equalTo(List.of("APPROVED", "APPROVED")))
                .body("materials.find { it.code == 'practice-proof' }.images[0].state", equalTo("CHANGES_REQUESTED"))
                .body("materials.find { it.code == 'practice-proof' }.images[0].comment", equalTo("执业证明照片模糊,请重新上传"));
        Api.as(site).get(reg(r)).then().body("comments.body", hasItem("核对过学历信息"))
                .body("comments.author", everyItemNotNull());
        // Told in the app: the comment, not the internal note (their status, 填报, did not change).
        Api.as(candidate).get("/me/notifications").then().statusCode(200)
                .body("items.kind", equalTo(List.of("COMMENT")))
                .body("items.find { it.kind == 'COMMENT' }.body.zh", equalTo("执业证明照片模糊,请重新上传"));

        // A locked picture can be neither deleted nor replaced; its bytes stay as they were.
        byte[] before = Api.as(candidate).get(reg(r) + "/images/" + idFront).then().statusCode(200).extract().asByteArray();
        Api.as(candidate).delete(reg(r) + "/images/" + idFront).then().statusCode(409).body("code", equalTo("image-locked"));
        Api.upload(candidate, "tonline", r, "id-card", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(409)
                .body("code", equalTo("count-limit-reached"));
        assertArrayEquals(before, Api.as(candidate).get(reg(r) + "/images/" + idFront).then().statusCode(200).extract().asByteArray());

        // The candidate replaces the practice proof: back in the queue, the new picture marked.
        Api.as(candidate).delete(reg(r) + "/images/" + proof).then().statusCode(204);
        String newProof = Api.upload(candidate, "tonline", r, "practice-proof", TestImages.jpeg(1000, 750), "image/jpeg")
                .then().statusCode(201).extract().jsonPath().getString("id");
        Api.as(site).get(D + "/review-queue?level=SITE").then()
                .body("items.find { it.registrationId == '" + r + "' }.changedSinceReview", equalTo(true));
        Api.as(site).get(reg(r)).then().body("review.queueLevel", equalTo("SITE"))
                .body("materials.find { it.code == 'practice-proof' }.images[0].changedSinceReview", equalTo(true));
        Api.as(candidate).get(reg(r)).then().body("comments[0].open", equalTo(false));

        // Site passes: the reviewers see 考点通过, the candidate still 填报 until the site publishes.
        Api.as(site).put(reg(r) + "/claim").then().statusCode(200);
        review(site, r, "{\"level\":\"SITE\",\"images\":[{\"imageId\":\"" + newProof + "\",\"decision\":\"APPROVE\"}],\"outcome\":\"PASS\"}")
                .then().statusCode(200).body("status", equalTo("SITE_PASSED")).body("review.queueLevel", equalTo("DISTRICT"));
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("FILLING")).body("statusLabel.zh", equalTo("填报"))
                .body("acceptsChanges", equalTo(false));
        // a refusal must not tell them the site has decided: only that the materials are under review
        Api.upload(candidate, "tonline", r, "other", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(409)
                .body("code", equalTo("registration-locked")).body("messages.'zh-CN'", equalTo("材料正在审核中,暂时不能修改"));
        Api.as(admin).get(D + "/publications").then().statusCode(200)
                .body("find { it.level == 'SITE' && it.site == 'tonline-01' }.unpublished", equalTo(1));
        Api.as(site).contentType("application/json").body("{\"level\":\"SITE\",\"site\":\"tonline-01\"}").post(D + "/publications")
                .then().statusCode(403);
        Api.as(admin).contentType("application/json").body("{\"level\":\"SITE\",\"site\":\"tonline-01\"}").post(D + "/publications")
                .then().statusCode(200).body("published", equalTo(1));
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("SITE_PASSED")).body("statusLabel.zh", equalTo("考点通过"));
        Api.upload(candidate, "tonline", r, "other", TestImages.jpeg(1000, 750), "image/jpeg").then().statusCode(409)
                .body("code", equalTo("registration-locked")).body("messages.'zh-CN'", equalTo("报名已进入审核结果阶段,材料不能再修改"));
        Api.as(candidate).get("/me/notifications").then().body("items[0].title.zh", equalTo("报名状态:考点通过"));

        // District level: claim next in order, approve; published → 审核通过.
        Api.as(district).post(D + "/review-queue/claims?level=DISTRICT").then().statusCode(200).body("registrationId", equalTo(r));
        review(district, r, "{\"level\":\"DISTRICT\",\"outcome\":\"APPROVE\"}").then().statusCode(200).body("status", equalTo("APPROVED"));
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("SITE_PASSED"));
        Api.as(admin).contentType("application/json").body("{\"level\":\"DISTRICT\"}").post(D + "/publications")
                .then().statusCode(200).body("published", equalTo(1));
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("APPROVED")).body("statusLabel.zh", equalTo("审核通过"))
                .body("materials.images.flatten().locked", not(hasItem(false)));

        // Every step is in the audit log.
        Api.as(admin).get(reg(r) + "/audit").then().statusCode(200)
                .body("action", hasItem("review.queued")).body("action", hasItem("review.claimed"))
                .body("action", hasItem("review.decided"));
    }

    @Test
    void theDistrictRejectsWithAReason() {
        String candidate = Keycloak.createUser("candidate", "tonline", null).token();
        String site = Keycloak.createUser("site-reviewer", "tonline", "tonline-01").token();
        String district = Keycloak.createUser("district-reviewer", "tonline", null).token();
        String admin = Keycloak.createUser("district-admin", "tonline", null).token();
        String r = Api.register(candidate, "tonline", 2027, "tonline-01");
        List<String> images = Api.completeMaterials(candidate, "tonline", r);
        Api.as(site).put(reg(r) + "/claim").then().statusCode(200);
        StringBuilder approvals = new StringBuilder();
        for (String id : images) {
            approvals.append(approvals.isEmpty() ? "" : ",").append("{\"imageId\":\"").append(id).append("\",\"decision\":\"APPROVE\"}");
        }
        review(site, r, "{\"level\":\"SITE\",\"images\":[" + approvals + "],\"outcome\":\"PASS\"}").then().statusCode(200);
        Api.as(district).put(reg(r) + "/claim").then().statusCode(200);
        review(district, r, "{\"level\":\"DISTRICT\",\"outcome\":\"REJECT\"}").then().statusCode(422).body("code", equalTo("invalid-field"));
        review(district, r, "{\"level\":\"DISTRICT\",\"outcome\":\"REJECT\",\"reason\":\"执业年限不满足报考要求\"}")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        // Publishing the district's results needs the whole district queue done; then the candidate sees 审核拒绝 and why.
        Api.as(admin).contentType("application/json").body("{\"level\":\"SITE\",\"site\":\"tonline-01\"}").post(D + "/publications").then().statusCode(200);
        Api.as(admin).contentType("application/json").body("{\"level\":\"DISTRICT\"}").post(D + "/publications").then().statusCode(200);
        Api.as(candidate).get(reg(r)).then().body("status", equalTo("REJECTED")).body("statusLabel.zh", equalTo("审核拒绝"))
                .body("rejectReason", equalTo("执业年限不满足报考要求"));
    }

    @Test
    void twoReviewersClaimingAtOnceOneWins() throws Exception {
        String candidate = Keycloak.createUser("candidate", "tonline", null).token();
        String r = Api.register(candidate, "tonline", 2027, "tonline-02");
        Api.completeMaterials(candidate, "tonline", r);
        List<String> reviewers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reviewers.add(Keycloak.createUser("site-reviewer", "tonline", "tonline-02").token());
        }
        // Claim-next: one 200 with the registration, the others find nothing left.
        List<Integer> next = race(reviewers, t -> Api.as(t).post(D + "/review-queue/claims?level=SITE").statusCode());
        assertEquals(1, next.stream().filter(s -> s == 200).count(), "claim-next statuses " + next);
        assertEquals(5, next.stream().filter(s -> s == 204).count(), "claim-next statuses " + next);
        // Claiming it by id: the holder renews, everyone else is refused.
        String holder = reviewers.get(next.indexOf(200));
        Api.as(holder).delete(reg(r) + "/claim").then().statusCode(204);
        List<Integer> byId = race(reviewers, t -> Api.as(t).put(reg(r) + "/claim").statusCode());
        assertEquals(1, byId.stream().filter(s -> s == 200).count(), "claim statuses " + byId);
        assertEquals(5, byId.stream().filter(s -> s == 409).count(), "claim statuses " + byId);
    }

    @Test
    void reviewersStayInTheirSiteAndDistrictCandidatesCannotReview() {
        String candidate = Keycloak.createUser("candidate", "tonline", null).token();
        String r = Api.register(candidate, "tonline", 2027, "tonline-03");
        List<String> images = Api.completeMaterials(candidate, "tonline", r);
        String otherSite = Keycloak.createUser("site-reviewer", "tonline", "tonline-01").token();
        String bjReviewer = Keycloak.createUser("district-reviewer", "bj", null).token();
        String bjAdmin = Keycloak.createUser("district-admin", "bj", null).token();
        String approve = "{\"level\":\"SITE\",\"images\":[{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"APPROVE\"}]}";

        for (String token : new String[] {otherSite, bjReviewer}) {
            Api.as(token).get(reg(r)).then().statusCode(404);
            Api.as(token).put(reg(r) + "/claim").then().statusCode(404);
            review(token, r, approve).then().statusCode(404);
        }
        Api.as(otherSite).get(D + "/review-queue?level=SITE&site=tonline-03").then().statusCode(200)
                .body("items.registrationId", not(hasItem(r)));
        Api.as(bjReviewer).get(D + "/review-queue?level=SITE").then().statusCode(404);
        Api.as(bjAdmin).get(D + "/publications").then().statusCode(404);
        Api.as(bjAdmin).contentType("application/json").body("{\"level\":\"DISTRICT\"}").post(D + "/publications").then().statusCode(404);

        // Candidates call no reviewer endpoint: 403 with a problem.
        Api.as(candidate).get(D + "/review-queue?level=SITE").then().statusCode(403).body("code", equalTo("forbidden"));
        Api.as(candidate).post(D + "/review-queue/claims?level=SITE").then().statusCode(403);
        Api.as(candidate).put(reg(r) + "/claim").then().statusCode(403);
        review(candidate, r, approve).then().statusCode(403).contentType("application/problem+json");
        Api.as(candidate).get(D + "/publications").then().statusCode(403);

        // National administrators read queues but change nothing.
        String national = Keycloak.createUser("national-admin", null, null).token();
        Api.as(national).get(D + "/review-queue?level=SITE").then().statusCode(200).body("items.registrationId", hasItem(r));
        Api.as(national).put(reg(r) + "/claim").then().statusCode(403).body("code", equalTo("read-only"));
        // Bad input is a clear problem.
        String site = Keycloak.createUser("site-reviewer", "tonline", "tonline-03").token();
        Api.as(site).get(D + "/review-queue?level=SOMEWHERE").then().statusCode(422).body("code", equalTo("invalid-field"));
        Api.as(site).put(reg(r) + "/claim").then().statusCode(200);
        review(site, r, "{\"level\":\"SITE\",\"images\":[{\"imageId\":\"nope\",\"decision\":\"APPROVE\"}]}").then().statusCode(422);
        review(site, r, "{\"level\":\"SITE\",\"images\":[{\"imageId\":\"" + images.get(0) + "\",\"decision\":\"MAYBE\"}]}").then().statusCode(422);
        review(site, r, "{\"level\":\"SITE\",\"outcome\":\"APPROVE\"}").then().statusCode(422);
        review(site, r, "{\"level\":\"SITE\",\"outcome\":\"RETURN\"}").then().statusCode(422).body("code", equalTo("comment-required"));
    }

    static <T> List<T> race(List<String> tokens, java.util.function.Function<String, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Callable<T>> calls = tokens.stream().<Callable<T>>map(t -> () -> call.apply(t)).toList();
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemNotNull() {
        return org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue());
    }
}
