package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Deployments;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 全国概况 in a real browser: the national administrator sees the ECharts bars and the table by district. */
@ExtendWith(ArquillianExtension.class)
class NationalDashboardIT {

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
    void chartAndTableShowTheDistricts() {
        // at least one registration in bj, whatever ran before
        String candidate = Keycloak.createUser("candidate", "bj", null).token();
        Api.register(candidate, "bj", 2027, "bj-01");
        Keycloak.User national = Keycloak.createUser("national-admin", null, null);

        Page page = browser.newPage(false);
        page.navigate(Browser.BASE + "/");
        Browser.signIn(page, national.username(), national.password());
        page.navigate(Browser.BASE + "/national");
        page.locator("[data-testid=national-page] .chart canvas").waitFor();
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=national-page] .chart canvas');"
                + " return c && c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().height > 0 }");

        Locator bj = page.locator("[data-testid=national-page] .el-table__body tr").filter(new Locator.FilterOptions().setHasText("北京考区"));
        bj.first().waitFor();
        List<String> cells = bj.first().locator("td").allInnerTexts();
        long registrations = cells.subList(1, 5).stream().mapToLong(s -> Long.parseLong(s.trim())).sum();
        assertTrue(registrations >= 1, "bj row: " + cells);

        Browser.screenshot(page, "national");
        Browser.assertAccessible(page, "national dashboard");
    }
}
