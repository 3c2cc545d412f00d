package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A site reviewer's morning, by keyboard only, in the test district {@code tworkbench} (its one site's
 * queue holds only this test's registrations): claims the first candidate (n), holds the ID card
 * against the declared ID number and the sample (s), asks for a change with a comment template (2) and
 * returns the registration (x, Enter); claims the next one and passes it (a/j, p, Enter). The workbench
 * passes axe with the sample and history shown, on a desktop and a phone.
 */
class WorkbenchKeyboardIT extends InBrowser {

    private static final String D = "/districts/tworkbench";
    private static final String SITE = "tworkbench-01";

    @Test
    void reviewByKeyboardBesideTheDeclaredIdentityAndTheSample() {
        String first = register("11010519491231002X");
        String second = register("440301198512032219");
        Keycloak.User reviewer = Keycloak.createUser("site-reviewer", "tworkbench", SITE);

        Page page = signedIn(reviewer, false);
        page.locator("[data-testid=review-page]").waitFor();
        page.locator("[data-testid=waiting]").filter(new Locator.FilterOptions().setHasText("2")).waitFor();
        keys(page, "n");
        page.waitForURL(url -> url.endsWith("/review/registrations/" + first));
        awaitPicture(page);

        // The declared identity beside the ID card: the full number, what it encodes, its check digit.
        Locator identity = page.locator("[data-testid=declared-identity]");
        assertEquals("11010519491231002X", page.locator("[data-testid=declared-id-number]").innerText().trim());
        assertTrue(identity.innerText().contains("1949-12-31") && identity.innerText().contains("女"), identity.innerText());
        assertTrue(page.locator("[data-testid=id-checksum]").innerText().contains("校验通过"));

        // The sample side by side, and away again.
        keys(page, "s");
        Browser.awaitImage(page, "[data-testid=sample] img");
        assertTrue(page.locator("[data-testid=sample]").innerText().contains("须上传 2 张"), page.locator("[data-testid=sample]").innerText());
        Browser.screenshot(page, "workbench-sample");
        Browser.assertAccessible(page, "workbench with the sample");
        keys(page, "s");
        page.locator("[data-testid=sample]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

        // The first ID picture does not match: template 2; the other three are approved; returned for changes.
        keys(page, "2", "j", "a", "j", "a", "j", "a", "x");
        page.waitForFunction("() => document.activeElement && document.activeElement.dataset.testid === 'submit-review'");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.endsWith("/review"));
        JsonPath returned = Api.as(reviewer.token()).get(D + "/registrations/" + first).then().statusCode(200).extract().jsonPath();
        assertEquals("FILLING", returned.getString("review.status"));
        assertEquals("材料与报名信息不符,请核对后重新上传", returned.getString("materials.find { it.code == 'id-card' }.images[0].comment"));
        assertEquals(List.of("CHANGES_REQUESTED", "APPROVED"), returned.getList("materials.find { it.code == 'id-card' }.images.state"));

        // The next one passes: every picture approved, then p and Enter.
        keys(page, "n");
        page.waitForURL(url -> url.endsWith("/review/registrations/" + second));
        awaitPicture(page);
        assertEquals("440301198512032219", page.locator("[data-testid=declared-id-number]").innerText().trim());
        keys(page, "a", "j", "a", "j", "a", "j", "a", "p");
        page.waitForFunction("() => document.activeElement && document.activeElement.dataset.testid === 'submit-review'");
        page.keyboard().press("Enter");
        page.waitForURL(url -> url.endsWith("/review"));
        assertEquals("SITE_PASSED", Api.as(reviewer.token()).get(D + "/registrations/" + second).then().statusCode(200)
                .extract().jsonPath().getString("review.status"));

        // Every action is in the ? overlay.
        keys(page, "?");
        Locator help = page.locator("[data-testid=shortcut-help]");
        help.waitFor();
        for (String words : List.of("示例图片", "常用意见", "考点通过", "退回修改", "审核拒绝", "离开输入框", "下一位考生")) {
            assertTrue(help.innerText().contains(words), help.innerText());
        }
        page.keyboard().press("Escape");

        // On a phone: the returned registration with its history (the decision, the template's comment), nothing off screen.
        Page phone = signedIn(reviewer, true);
        phone.navigate(Browser.BASE + "/review/registrations/" + first);
        Locator history = phone.locator("[data-testid=review-history]");
        history.locator("[data-testid=history-entry]").nth(1).waitFor();
        assertTrue(history.innerText().contains("考点审核 · 退回修改"), history.innerText());
        assertTrue(history.innerText().contains("材料与报名信息不符"), history.innerText());
        awaitPicture(phone);
        keys(phone, "s");
        phone.locator("[data-testid=sample] img").waitFor();
        Browser.screenshot(phone, "workbench-phone");
        Browser.assertNoHorizontalScroll(phone);
        Browser.assertAccessible(phone, "workbench on a phone");
    }

    /** A candidate of the test site with the four standard pictures: in the site's queue. */
    private static String register(String idNumber) {
        String candidate = Keycloak.createUser("candidate", "tworkbench", null).token();
        String r = Api.as(candidate).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"" + SITE + "\",\"idNumber\":\"" + idNumber
                        + "\",\"phone\":\"13800138000\"}")
                .post(D + "/registrations").then().statusCode(201).extract().jsonPath().getString("id");
        Api.completeMaterials(candidate, "tworkbench", r);
        return r;
    }

    /** Keys go to the page, not to whatever field last had the focus. */
    private static void keys(Page page, String... keys) {
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        for (String key : keys) {
            page.keyboard().press(key);
        }
    }

    private static void awaitPicture(Page page) {
        page.locator("[data-testid=review-page] [data-testid=approve]").waitFor();
        Browser.awaitImage(page, ".big img");
        page.locator("[data-testid=declared-id-number]").waitFor();
    }
}
