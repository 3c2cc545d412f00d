package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.TestImages;
import cn.shenhe.material.quality.DegradedPhotos;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 §1 as a candidate sees it, on a phone: in test district {@code tquality} (a blurred diploma is kept
 * with a warning) a blurred photo's card says 照片模糊,建议重新拍摄 within a second of the upload's answer, and
 * that the photo may be kept or replaced; the photo stays stored. The candidate then replaces it (the card's
 * delete, then a sharp photo) and the warning is gone.
 */
class QualityWarningIT extends InBrowser {

    private static final String D = "tquality";
    private static final String WARNING = "照片模糊,建议重新拍摄";
    private static final String KEEP_OR_REPLACE = "可以保留这张照片,也可以删除后重新上传。";
    /** What the issue promises: the warning in words within a second. Not a benchmark: the UI's own round trip. */
    private static final long WITHIN_MS = 1_000;

    @Test
    void aBlurredPhotosCardWarnsAtOnceAndTheCandidateReplacesIt() {
        Keycloak.User candidate = Keycloak.createUser("candidate", D, null);
        Page page = signedIn(candidate, true);

        // 报名 at the district's site, straight on to the upload page
        page.locator("[data-testid=site-tquality-01]").click();
        page.locator("[data-testid=register]").click();
        page.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        String registration = page.url().substring(page.url().lastIndexOf('/') + 1);
        Locator diploma = page.locator("[data-testid=material-diploma]");

        // a blurred photo (small enough that the browser sends it as it is)
        byte[] blurred = TestImages.jpeg(DegradedPhotos.blur(TestImages.photo(1000, 750, 5), 0.005), 0.85f);
        Response answer = upload(page, diploma, "IMG_blurred.jpg", blurred);
        long answered = System.nanoTime();
        assertEquals(201, answer.status(), answer.text());
        String blurredId = new JsonPath(answer.text()).getString("id");
        Locator card = diploma.locator("[data-testid=image-" + blurredId + "]");
        Locator warning = card.locator("[data-testid=quality-warning]");
        warning.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(10_000));
        long shownMs = (System.nanoTime() - answered) / 1_000_000;
        System.out.println("quality warning shown " + shownMs + " ms after the upload's answer");
        assertTrue(shownMs <= WITHIN_MS, "the warning came " + shownMs + " ms after the upload's answer");
        assertEquals(WARNING, warning.innerText().trim());
        assertTrue(card.innerText().contains(KEEP_OR_REPLACE), "keep or replace, said on the card: " + card.innerText());
        assertEquals(1, card.locator("[data-testid=delete]").count(), "the card's delete, to replace it");
        Browser.awaitImage(page, "[data-testid=image-" + blurredId + "] img");
        Browser.assertNoHorizontalScroll(page);
        Browser.screenshot(page, "quality-warning-375");
        Browser.assertAccessible(page, "upload page with a quality warning on a phone");

        // kept: stored, with its finding, until the candidate decides otherwise
        List<Map<String, Object>> kept = diplomaImages(candidate, registration);
        assertEquals(List.of(blurredId), kept.stream().map(i -> i.get("id")).toList());
        assertEquals(WARNING, new JsonPath(answer.text()).getString("findings[0].message.zh"));
        assertEquals("image-blurred", ((Map<?, ?>) ((List<?>) kept.getFirst().get("findings")).getFirst()).get("code"));

        // replaced: the card's delete, then a sharp photo
        card.locator("[data-testid=delete]").click();
        page.locator(".el-message-box__btns .el-button--primary").click();
        card.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        Response sharp = upload(page, diploma, "IMG_sharp.jpg", TestImages.jpeg(1000, 750));
        assertEquals(201, sharp.status(), sharp.text());
        String sharpId = new JsonPath(sharp.text()).getString("id");
        Browser.awaitImage(page, "[data-testid=image-" + sharpId + "] img");
        assertEquals(0, diploma.locator("[data-testid=quality-warning]").count(), "a warning left after the replacement");
        assertFalse(diploma.innerText().contains(KEEP_OR_REPLACE), diploma.innerText());
        List<Map<String, Object>> replaced = diplomaImages(candidate, registration);
        assertEquals(List.of(sharpId), replaced.stream().map(i -> i.get("id")).toList());
        assertEquals(List.of(), replaced.getFirst().get("findings"));
        Browser.screenshot(page, "quality-replaced-375");
    }

    /** Picks the photo in the card's file input; the upload's HTTP answer. */
    private static Response upload(Page page, Locator card, String name, byte[] jpeg) {
        return page.waitForResponse(r -> r.request().method().equals("POST") && r.url().endsWith("/materials/diploma/images"),
                () -> card.locator("input[type=file]").setInputFiles(new FilePayload(name, "image/jpeg", jpeg)));
    }

    /** The diploma's pictures as the server has them. */
    private static List<Map<String, Object>> diplomaImages(Keycloak.User candidate, String registration) {
        return Api.as(candidate.token()).get("/districts/" + D + "/registrations/" + registration)
                .then().statusCode(200).extract().jsonPath().getList("materials.find { it.code == 'diploma' }.images");
    }
}
