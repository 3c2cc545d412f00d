package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Deployments;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The site reviewer's workbench in a real browser: open a complete registration, judge its pictures
 * with the keyboard (a approve, j next; one asks for changes with c and a comment), return it for
 * changes; the candidate then sees check marks and the comments.
 */
@ExtendWith(ArquillianExtension.class)
class ReviewerFlowIT {

    private static Browser browser;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void judgePicturesWithTheKeyboard() {
        // bj-02: a site no other test reviews (ReviewIT keeps to the tonline district, whose sites must finish their queues)
        String candidate = Keycloak.createUser("candidate", "bj", null).token();
        Keycloak.User reviewer = Keycloak.createUser("site-reviewer", "bj", "bj-02");
        String r = Api.register(candidate, "bj", 2027, "bj-02");
        List<String> images = Api.completeMaterials(candidate, "bj", r);

        Page page = browser.newPage(false);
        page.navigate(Browser.BASE + "/");
        Browser.signIn(page, reviewer.username(), reviewer.password());
        page.locator("[data-testid=review-page]").waitFor();
        page.navigate(Browser.BASE + "/review/registrations/" + r);
        page.locator("[data-testid=review-page] [data-testid=approve]").waitFor();
        page.waitForFunction("() => { const i = document.querySelector('.big img'); return i && i.complete && i.naturalWidth > 0 }");

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
    }
}
