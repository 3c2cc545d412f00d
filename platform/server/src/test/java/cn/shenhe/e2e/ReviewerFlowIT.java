package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.TestImages;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site reviewer's workbench in a real browser: open a complete registration, judge its pictures
 * with the keyboard (a approve, j next; one asks for changes with c and a comment), return it for
 * changes; the candidate then sees check marks and the comments, replaces the picture in the browser;
 * the site passes it, the admin publishes, the district reviewer approves it in the workbench, the
 * admin publishes again: the candidate's page says 审核通过.
 */
class ReviewerFlowIT extends InBrowser {

    @Test
    void judgePicturesWithTheKeyboard() {
        // bj-02: a site no other test reviews (ReviewIT keeps to the tonline district, whose sites must finish their queues)
        Keycloak.User candidateUser = Keycloak.createUser("candidate", "bj", null);
        String candidate = candidateUser.token();
        Keycloak.User reviewer = Keycloak.createUser("site-reviewer", "bj", "bj-02");
        String r = Api.register(candidate, "bj", 2027, "bj-02");
        List<String> images = Api.completeMaterials(candidate, "bj", r);

        Page page = signedIn(reviewer, false);
        page.locator("[data-testid=review-page]").waitFor();
        page.navigate(Browser.BASE + "/review/registrations/" + r);
        page.locator("[data-testid=review-page] [data-testid=approve]").waitFor();
        Browser.awaitImage(page, ".big img");

        // pictures 1-3 approved, picture 4 (the practice proof) needs changes
        page.keyboard().press("a");
        page.keyboard().press("j");
        page.keyboard().press("a");
        page.keyboard().press("j");
        page.keyboard().press("a");
        page.keyboard().press("j");
        page.keyboard().press("c");
        page.locator("[data-testid=image-comment]").fill("盖章不清晰,请重新拍摄");
        page.keyboard().press("Escape");
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().press("?");
        page.locator(".el-dialog").waitFor();
        assertTrue(page.locator(".el-dialog").innerText().contains("下一张图片"));
        Browser.screenshot(page, "review-help");
        page.keyboard().press("Escape");
        Browser.screenshot(page, "review");
        Browser.assertAccessible(page, "review workbench");
        // returned for changes, with a word to the candidate: the registration leaves the queue
        page.locator("[data-testid=general-comment]").fill("请重新上传试用期考核证明");
        page.locator("[data-testid=outcome-RETURN]").click();
        page.locator("[data-testid=submit-review]").click();
        page.locator(".el-message--success").waitFor();

        JsonPath seen = Api.as(candidate).get("/districts/bj/registrations/" + r).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(true, true), seen.getList("materials.find { it.code == 'id-card' }.images.locked"));
        assertEquals(List.of(true), seen.getList("materials.find { it.code == 'diploma' }.images.locked"));
        assertEquals("CHANGES_REQUESTED", seen.getString("materials.find { it.code == 'practice-proof' }.images[0].state"));
        assertEquals("盖章不清晰,请重新拍摄", seen.getString("materials.find { it.code == 'practice-proof' }.images[0].comment"));
        assertEquals(images.get(3), seen.getString("materials.find { it.code == 'practice-proof' }.images[0].id"));
        assertTrue(seen.getList("comments.body").contains("请重新上传试用期考核证明"), "returns are shown at once: " + seen.getList("comments.body"));
        page.waitForURL(url -> url.endsWith("/review"));

        // The candidate: the comment at the top, replaces the practice proof in the browser.
        Page mine = signedIn(candidateUser, false);
        mine.navigate(Browser.BASE + "/candidate/registrations/" + r);
        Locator comments = mine.locator("[data-testid=comments]");
        comments.locator("[data-testid=comment]").first().waitFor();
        assertTrue(comments.innerText().contains("盖章不清晰,请重新拍摄"), comments.innerText());
        Locator proof = mine.locator("[data-testid=material-practice-proof]");
        assertTrue(comments.boundingBox().y < mine.locator("[data-testid^=material-]").first().boundingBox().y, "comments above the materials");
        proof.locator("[data-testid=delete]").click();
        mine.locator(".el-message-box__btns .el-button--primary").click();
        proof.locator("[data-testid=upload]").waitFor();
        proof.locator("input[type=file]").setInputFiles(new FilePayload("proof.jpg", "image/jpeg", TestImages.jpeg(1000, 750)));
        proof.locator("[data-testid=watermarked] img").first().waitFor();
        // The picture shows while its upload is acknowledged: ask the API until it lists it (up to 10 s).
        String newProof = null;
        for (long end = System.currentTimeMillis() + 10_000; newProof == null && System.currentTimeMillis() < end; ) {
            newProof = Api.as(candidate).get("/districts/bj/registrations/" + r).then().statusCode(200).extract().jsonPath()
                    .getString("materials.find { it.code == 'practice-proof' }.images[0].id");
            if (newProof == null) {
                mine.waitForTimeout(200);
            }
        }
        assertTrue(newProof != null && !newProof.equals(images.get(3)), "replaced: " + newProof);

        // The site reviewer approves every picture (locked ones stay as they are) and passes it.
        page.navigate(Browser.BASE + "/review/registrations/" + r);
        page.locator("[data-testid=review-page] [data-testid=approve]").waitFor();
        Browser.awaitImage(page, ".big img");
        awaitClaim(page, reviewer.token(), r);
        for (int i = 0; i < images.size(); i++) {
            page.keyboard().press("a");
            page.keyboard().press("j");
        }
        page.locator("[data-testid=outcome-PASS]").click();
        page.locator("[data-testid=submit-review]").click();
        page.waitForURL(url -> url.endsWith("/review"));
        Api.as(reviewer.token()).get("/districts/bj/registrations/" + r).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SITE_PASSED"));

        // Check marks, no minus buttons.
        mine.reload();
        mine.locator("[data-testid=upload-page] [data-testid=locked]").first().waitFor();
        assertEquals(images.size(), mine.locator("[data-testid=upload-page] [data-testid=locked]").count());
        assertEquals(0, mine.locator("[data-testid=upload-page] [data-testid=delete]").count());

        // The admin publishes the site's results; the district reviewer approves; the admin publishes the district's.
        Keycloak.User admin = Keycloak.createUser("district-admin", "bj", null);
        Page office = signedIn(admin, false);
        publish(office, "SITE-bj-02");
        Keycloak.User district = Keycloak.createUser("district-reviewer", "bj", null);
        Page desk = signedIn(district, false);
        desk.navigate(Browser.BASE + "/review/registrations/" + r);
        desk.locator("[data-testid=outcome-APPROVE]").waitFor();
        awaitClaim(desk, district.token(), r);
        desk.locator("[data-testid=outcome-APPROVE]").click();
        desk.locator("[data-testid=submit-review]").click();
        desk.waitForURL(url -> url.endsWith("/review"));
        publish(office, "DISTRICT-all");

        mine.reload();
        mine.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        assertEquals("审核通过", mine.locator("[data-testid=upload-page] [data-testid=status]").innerText().trim());
        Browser.screenshot(mine, "upload-approved");
    }

    /** The district administrator publishes with the button on 审核进度, confirms, and sees it done. */
    private static void publish(Page office, String scope) {
        office.navigate(Browser.BASE + "/admin");
        office.locator("#tab-progress").click();
        office.locator("[data-testid=publish-" + scope + "]").click();
        office.locator(".el-message-box__btns .el-button--primary").click();
        office.locator(".el-message--success").waitFor();
    }

    /** The workbench claims a registration opened by address, then resets its form: wait for both. */
    private static void awaitClaim(Page page, String token, String r) {
        long until = System.currentTimeMillis() + 20_000;
        while (!Api.as(token).get("/districts/bj/registrations/" + r).then().statusCode(200).extract().jsonPath()
                .getBoolean("review.claimedByMe")) {
            assertTrue(System.currentTimeMillis() < until, "the workbench claimed " + r);
            page.waitForTimeout(200);
        }
        page.waitForTimeout(500);
    }
}
