package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public page: every district's review mode, upload window and required materials, without sign-in. */
class PublicPageIT extends InBrowser {

    @Test
    void everyDistrictPublishesItsModeWindowAndMaterials() {
        Page page = browser.newPage(false);
        page.navigate(Browser.BASE + "/");
        page.locator("[data-testid=req-bj-id-card]").waitFor();
        assertEquals("网上审核", page.locator("[data-testid=district-bj] [data-testid=mode]").innerText().trim());
        assertEquals("现场审核", page.locator("[data-testid=district-sh] [data-testid=mode]").innerText().trim());
        assertTrue(page.locator("[data-testid=district-bj]").innerText().contains("上传时间"));
        String idCard = page.locator("[data-testid=req-bj-id-card]").innerText();
        assertTrue(idCard.contains("身份证明") && idCard.contains("须上传 2 张") && idCard.contains("200 KB"), idCard);
        // gd asks for one more material type than bj, with its own sample
        page.locator("[data-testid=req-gd-residence-proof]").waitFor();
        // samples load lazily: the first district's are on screen
        page.waitForFunction("() => { const s = [...document.querySelectorAll('[data-testid=district-bj] img')];"
                + " return s.length >= 4 && s.every(i => i.complete && i.naturalWidth > 0) }");
        assertTrue(page.url().startsWith(Browser.BASE), "no sign-in needed: " + page.url());
        Browser.screenshot(page, "public");
        Browser.assertAccessible(page, "public page");

        // English
        page.locator("[data-testid=language]").click();
        page.locator("text=Online review").first().waitFor();
        assertEquals("On-site review", page.locator("[data-testid=district-sh] [data-testid=mode]").innerText().trim());
        Browser.screenshot(page, "public-en");
        page.locator("[data-testid=language]").click();
    }

    @Test
    void onAPhone() {
        Page page = browser.newPage(true);
        page.navigate(Browser.BASE + "/");
        page.locator("[data-testid=req-sh-id-card]").waitFor();
        Browser.assertNoHorizontalScroll(page);
        Browser.screenshot(page, "public-375");
        Browser.assertAccessible(page, "public page on a phone");
    }

    /** The policy refuses an injected inline script, and the watch that fails every browser test on it sees it. */
    @Test
    void anInjectedInlineScriptIsRefusedAndReported() {
        Page page = browser.newPage(false);
        page.navigate(Browser.BASE + "/");
        page.locator("[data-testid=req-bj-id-card]").waitFor();
        assertEquals(List.of(), browser.takeCspViolations(), "the page itself");
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + " document.head.appendChild(s) }");
        List<String> reported = List.of();
        for (int i = 0; i < 50 && reported.isEmpty(); i++) {
            page.waitForTimeout(100);
            reported = browser.takeCspViolations();
        }
        assertEquals("undefined", page.evaluate("() => typeof window.injected"), "the inline script did not run");
        assertFalse(reported.isEmpty(), "the violation was reported");
        assertTrue(reported.stream().anyMatch(v -> v.contains("script-src")), reported.toString());
        browser.takeCspViolations();
    }
}
