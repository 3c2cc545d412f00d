package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workbench's picture viewer in a real browser: zoom by button, key and wheel, quarter turns
 * for viewing (the picture's box turns upright, the stored picture does not), reset, full screen,
 * and the keys listed in the help overlay. Sizes are read from the rendered picture.
 */
class WorkbenchViewerIT extends InBrowser {


    @Test
    void zoomRotateFullScreen() {
        String candidate = Keycloak.createUser("candidate", "bj", null).token();
        Keycloak.User reviewer = Keycloak.createUser("site-reviewer", "bj", "bj-01");
        String r = Api.register(candidate, "bj", 2027, "bj-01");
        Api.completeMaterials(candidate, "bj", r);

        Page page = signedIn(reviewer, false);
        page.locator("[data-testid=review-page]").waitFor();
        page.navigate(Browser.BASE + "/review/registrations/" + r);
        Browser.awaitImage(page, ".big img");
        Locator level = page.locator("[data-testid=zoom-level]");
        assertEquals("100%", level.innerText().trim());
        double[] natural = box(page);
        assertTrue(natural[0] > natural[1], "a 4:3 picture lies wide: " + natural[0] + "×" + natural[1]);

        page.locator("[data-testid=zoom-in]").click();
        assertEquals("125%", level.innerText().trim());
        page.waitForFunction("w => document.querySelector('.big img').getBoundingClientRect().width > w * 1.2", natural[0]);
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().press("=");
        assertEquals("156%", level.innerText().trim());
        page.keyboard().press("-");
        assertEquals("125%", level.innerText().trim());
        page.mouse().move(natural[2], natural[3]);
        page.mouse().wheel(0, -200);
        page.waitForFunction("() => parseInt(document.querySelector('[data-testid=zoom-level]').innerText) > 125");
        Browser.screenshot(page, "viewer-zoomed");
        Browser.assertAccessible(page, "viewer, zoomed");
        page.keyboard().press("0");
        assertEquals("100%", level.innerText().trim());

        // A quarter turn: the picture's box stands upright and still fits the stage.
        page.locator("[data-testid=rotate-right]").click();
        assertTrue(page.locator("[data-testid=rotation]").innerText().contains("90°"));
        page.waitForFunction("() => { const b = document.querySelector('.big img').getBoundingClientRect(); return b.height > b.width }");
        double[] turned = box(page);
        assertTrue(turned[1] <= natural[1] + 2, "fits the stage: " + turned[1] + " vs " + natural[1]);
        Browser.screenshot(page, "viewer-rotated");
        Browser.assertAccessible(page, "viewer, rotated");
        page.keyboard().press("Shift+R");
        page.waitForFunction("() => { const b = document.querySelector('.big img').getBoundingClientRect(); return b.width > b.height }");
        assertEquals("", page.locator("[data-testid=rotation]").innerText().trim());

        // Full screen on and off, by button and key.
        page.locator("[data-testid=fullscreen]").click();
        page.waitForFunction("() => document.fullscreenElement && document.fullscreenElement.dataset.testid === 'viewer'");
        Browser.screenshot(page, "viewer-fullscreen");
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().press("f");
        page.waitForFunction("() => !document.fullscreenElement");

        // The keys are in the help overlay; the old ones still work (j: next picture resets the view).
        page.keyboard().press("=");
        page.keyboard().press("?");
        Locator help = page.locator(".el-dialog");
        help.waitFor();
        for (String words : List.of("放大 / 缩小", "向右 / 向左旋转 90°", "还原视图", "全屏查看", "下一张图片")) {
            assertTrue(help.innerText().contains(words), help.innerText());
        }
        Browser.screenshot(page, "review-help-viewer");
        page.keyboard().press("Escape");
        help.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
        page.keyboard().press("j");
        page.locator("h3").filter(new Locator.FilterOptions().setHasText("(2/4)")).waitFor();
        assertEquals("100%", level.innerText().trim());

        page.locator("button").filter(new Locator.FilterOptions().setHasText("放回队列")).click();
        page.waitForURL(url -> url.endsWith("/review"));
    }

    /** The rendered picture's box: width, height, centre x, centre y. */
    private static double[] box(Page page) {
        List<?> b = (List<?>) page.evaluate("() => { const b = document.querySelector('.big img').getBoundingClientRect();"
                + " return [b.width, b.height, b.x + b.width / 2, b.y + b.height / 2] }");
        return b.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
}
