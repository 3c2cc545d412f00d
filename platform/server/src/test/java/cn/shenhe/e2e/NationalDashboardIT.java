package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * 全国概况 in a real browser: the national administrator sees the ECharts charts (status per
 * district, progress per day, backlog per level) and the table, opens a district read-only,
 * searches every district with highlighted hits, and downloads the summary export.
 */
class NationalDashboardIT extends InBrowser {

    @Test
    void chartAndTableShowTheDistricts() {
        // at least one registration in bj, whatever ran before, under a name drawn for this run
        String candidate = Keycloak.createUser("candidate", "bj", null).token();
        String pool = "瑾璇琮珩琛瑜璟珂琪瑶";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = "蔺" + pool.charAt(random.nextInt(pool.length())) + pool.charAt(random.nextInt(pool.length()));
        String registration = Api.as(candidate).contentType("application/json")
                .body("{\"examYear\":2027,\"category\":\"clinical-physician\",\"site\":\"bj-01\",\"name\":\"" + name + "\"}")
                .post("/districts/bj/registrations").then().statusCode(201).extract().jsonPath().getString("id");
        Keycloak.User national = Keycloak.createUser("national-admin", null, null);

        Page page = signedIn(national, false);
        page.navigate(Browser.BASE + "/national");
        page.locator("[data-testid=chart-status] canvas").waitFor();
        page.waitForFunction("() => { const c = document.querySelector('[data-testid=chart-status] canvas');"
                + " return c && c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().height > 0 }");

        Locator bj = page.locator("[data-testid=national-page] .el-table__body tr").filter(new Locator.FilterOptions().setHasText("北京考区"));
        bj.first().waitFor();
        List<String> cells = bj.first().locator("td").allInnerTexts();
        long registrations = cells.subList(1, 5).stream().mapToLong(s -> Long.parseLong(s.trim())).sum();
        assertTrue(registrations >= 1, "bj row: " + cells);

        for (String chart : List.of("chart-days", "chart-backlog")) {
            page.locator("[data-testid=" + chart + "] canvas").waitFor();
        }
        Browser.screenshot(page, "national");
        Browser.assertAccessible(page, "national dashboard");

        // The summary export, downloaded with the bearer token.
        Download csv = page.waitForDownload(() -> page.locator("[data-testid=national-csv]").click());
        assertEquals("national-summary.csv", csv.suggestedFilename());
        String text = readString(csv);
        assertTrue(text.contains("考区代码") && text.contains("北京考区"), text);

        // National search: the new registration by its name, the match highlighted.
        awaitSearchable(national.token(), name);
        page.locator("input[data-testid=national-search]").fill(name);
        page.locator("input[data-testid=national-search]").press("Enter");
        Locator hit = page.locator("[data-testid=hit]").filter(new Locator.FilterOptions().setHasText(registration));
        hit.waitFor();
        assertTrue(hit.locator(".snippet em").count() >= 1, hit.innerHTML());
        Browser.screenshot(page, "national-search");

        // Drill into Beijing: its progress, read-only (nothing to publish).
        page.locator("[data-testid=open-bj]").click();
        Locator district = page.locator("[data-testid=national-district-page]");
        district.locator("[data-testid=count-FILLING] dd").waitFor();
        assertTrue(Long.parseLong(district.locator("[data-testid=count-FILLING] dd").innerText().trim()) >= 1);
        assertTrue(district.innerText().contains("北京考区"));
        assertEquals(0, district.locator("[data-testid^=publish-]").count());
        Browser.screenshot(page, "national-district");
        Browser.assertAccessible(page, "national: one district");
    }

    /** The search index follows the database a moment after the commit (see IndexUpdater): wait up to 5 s. */
    private static void awaitSearchable(String token, String q) {
        long deadline = System.currentTimeMillis() + 5000;
        while (Api.as(token).queryParam("q", q).get("/national/search").then().statusCode(200).extract().jsonPath().getLong("total") == 0) {
            assertTrue(System.currentTimeMillis() < deadline, q + " not searchable after 5 s");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String readString(Download d) {
        try {
            return Files.readString(d.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
