package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 考区管理 in a real browser, on the test district tadminui: the administrator changes fields in
 * the forms (a new version), sees the difference in the version history, restores the old version;
 * a change that would strand a registered candidate is refused in words; publishing a site whose
 * reviews are unfinished is refused in words; the page fits a phone.
 */
class DistrictAdminIT extends InBrowser {

    static final String D = "tadminui";
    static final String CONFIG = "/districts/" + D + "/config";
    private static Keycloak.User admin;

    @BeforeAll
    static void start() {
        admin = Keycloak.createUser("district-admin", D, null);
        // A candidate with every picture: registered at the first site, waiting for its review.
        String candidate = Keycloak.createUser("candidate", D, null).token();
        String r = Api.register(candidate, D, 2027, D + "-01");
        Api.completeMaterials(candidate, D, r);
    }

    static int version() {
        return Integer.parseInt(Api.as(admin.token()).get(CONFIG).then().statusCode(200).extract().header("ETag").replace("\"", ""));
    }

    static JsonPath config() {
        return Api.as(admin.token()).get(CONFIG).then().statusCode(200).extract().jsonPath();
    }

    private static Page adminPage(boolean phone) {
        Page page = signedIn(admin, phone);
        page.navigate(Browser.BASE + "/admin");
        page.locator("[data-testid=config-form] input[data-testid=watermark]").waitFor();
        return page;
    }

    private static void awaitVersion(Page page, int n) {
        page.locator("[data-testid=current-version]").filter(new Locator.FilterOptions().setHasText("第 " + n + " 版")).waitFor();
    }

    @Test
    void formChangeMakesAVersionTheDiffShowsItAndRevertRestoresIt() {
        int before = version();
        String watermark = config().getString("watermark");
        Page page = adminPage(false);
        Locator form = page.locator("[data-testid=config-form]");
        // Element Plus' controls in the page's language: no browser "Choose File", no US-format date fields.
        assertEquals(0, form.locator("input[type=datetime-local], input[type=date], input[type=time]").count());
        assertEquals(0, form.locator("input[type=file]:visible").count());
        assertTrue(form.locator("[data-testid=sample-diploma] [role=button]").innerText().startsWith("上传示例图片"));
        String opens = form.locator("input[aria-label='开始时间(北京时间)']").inputValue();
        assertTrue(opens.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), opens);

        // Removing the candidate's site would strand them: refused, in words, nothing saved.
        form.locator("[data-testid=site-row]").first().locator("button").click();
        form.locator("[data-testid=save-config]").click();
        Locator refusal = form.locator("[data-testid=config-refusal]");
        refusal.waitFor();
        assertTrue(refusal.innerText().contains("考点"), refusal.innerText());
        assertEquals(before, version());
        page.reload();

        form.locator("input[data-testid=watermark]").fill("界面修改的水印");
        Locator max = form.locator("[data-testid='setting-standard-materials-types.diploma.max'] input");
        max.fill("1");
        max.blur();
        Browser.screenshot(page, "admin-config-form");
        Browser.assertAccessible(page, "district admin: configuration form");
        form.locator("[data-testid=save-config]").click();
        awaitVersion(page, before + 1);
        JsonPath saved = config();
        assertEquals("界面修改的水印", saved.getString("watermark"));
        assertEquals(1, saved.getInt("plugins.find { it.id == 'standard-materials' }.settings.types.diploma.max"));
        assertEquals(D + "-01", saved.getString("sites[0].code"));

        // The version history: the difference between the old version and the current one, in words.
        page.locator("#tab-history").click();
        page.locator("[data-testid=compare-" + before + "]").click();
        Locator diff = page.locator("[data-testid=diff]");
        diff.locator("[data-testid=change]").first().waitFor();
        String words = diff.innerText();
        assertTrue(words.contains("水印文字") && words.contains(watermark) && words.contains("界面修改的水印"), words);
        assertTrue(words.contains("标准材料 · 学历证书 · 最多张数"), words);
        Browser.screenshot(page, "admin-config-history");
        Browser.assertAccessible(page, "district admin: version history");

        // Restore the old version (after confirming): a new version equal to it.
        page.locator("[data-testid=revert-" + before + "]").click();
        page.locator(".el-message-box__btns .el-button--primary").click();
        awaitVersion(page, before + 2);
        JsonPath restored = config();
        assertEquals(watermark, restored.getString("watermark"));
        assertNull(restored.get("plugins.find { it.id == 'standard-materials' }.settings.types"));
    }

    @Test
    void publishingUnfinishedReviewsIsRefusedInWordsAndThePageFitsAPhone() {
        Page page = adminPage(true);
        page.locator("#tab-progress").click();
        Locator progress = page.locator("[data-testid=district-progress]");
        progress.locator("[data-testid=backlog-SITE] dd").waitFor();
        assertTrue(Long.parseLong(progress.locator("[data-testid=backlog-SITE] dd").innerText().trim()) >= 1);
        progress.locator("[data-testid=publish-SITE-" + D + "-01]").click();
        page.locator(".el-message-box__btns .el-button--primary").click();
        Locator refusal = progress.locator("[data-testid=publish-refusal]");
        refusal.waitFor();
        assertTrue(refusal.innerText().contains("待审核"), refusal.innerText());
        Browser.assertNoHorizontalScroll(page);
        Browser.screenshot(page, "admin-progress-phone");
        Browser.assertAccessible(page, "district admin: review progress (phone)");

        page.locator("#tab-form").click();
        page.locator("[data-testid=config-form] [data-testid=save-config]").waitFor();
        Browser.assertNoHorizontalScroll(page);
        Browser.screenshot(page, "admin-config-form-phone");
    }
}
