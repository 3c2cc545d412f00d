package cn.shenhe.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The candidate's bell (站内通知) in a real browser: a site reviewer asks for a change to a picture
 * and returns the registration; the candidate's bell counts the notice, shows its words, and
 * opening it marks it read and leads to the registration.
 */
class NotificationBellIT extends InBrowser {


    @Test
    void aReturnRingsTheCandidatesBell() {
        Keycloak.User candidate = Keycloak.createUser("candidate", "bj", null);
        String site = Keycloak.createUser("site-reviewer", "bj", "bj-01").token();
        String r = Api.register(candidate.token(), "bj", 2027, "bj-01");
        List<String> images = Api.completeMaterials(candidate.token(), "bj", r);
        String reg = "/districts/bj/registrations/" + r;
        Api.as(site).put(reg + "/claim").then().statusCode(200);
        Api.as(site).contentType("application/json").body("{\"level\":\"SITE\",\"images\":[{\"imageId\":\"" + images.get(3)
                + "\",\"decision\":\"REQUEST_CHANGES\",\"comment\":\"试用期考核证明缺少盖章\"}],\"outcome\":\"RETURN\",\"reason\":\"材料需修改\"}")
                .post(reg + "/reviews").then().statusCode(200);
        int unread = Api.as(candidate.token()).get("/me/notifications").then().statusCode(200).extract().path("unread");
        assertTrue(unread >= 1, "the return left a notice: " + unread);

        Page page = signedIn(candidate, false);
        Locator bell = page.locator("[data-testid=notifications]");
        bell.locator(".count").waitFor();
        assertEquals(String.valueOf(unread), bell.locator(".count").innerText().trim());
        assertEquals(1, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("站内通知(" + unread + " 条未读)")).count());
        bell.click();
        Locator notice = page.locator(".el-popover li.unread").filter(new Locator.FilterOptions().setHasText("试用期考核证明缺少盖章"));
        notice.waitFor();
        assertTrue(notice.innerText().contains("您的报名材料有新的审核意见"), notice.innerText());
        Browser.screenshot(page, "notifications-open");
        Browser.assertAccessible(page, "notification list");

        notice.locator("button").click();
        page.waitForURL(url -> url.endsWith("/candidate/registrations/" + r));
        page.locator("[data-testid=comments] [data-testid=comment]").first().waitFor();
        if (unread == 1) {
            bell.locator(".count").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        } else {
            page.waitForFunction("n => document.querySelector('[data-testid=notifications] .count').innerText.trim() === String(n)", unread - 1);
        }
        Api.as(candidate.token()).get("/me/notifications").then().statusCode(200)
                .body("unread", equalTo(unread - 1))
                .body("items.find { it.body.zh.contains('试用期考核证明缺少盖章') }.read", equalTo(true));
    }
}
