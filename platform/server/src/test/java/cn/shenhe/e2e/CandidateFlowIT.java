package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.TestImages;
import cn.shenhe.material.image.SampleImages;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The candidate's path in a real browser: sign in on Keycloak's page (and grant the consent), register,
 * land on the upload page, upload a 1.5 MB 4000×3000 phone photo that the browser shrinks under the
 * district's 200 KB, see it watermarked, fill a type, delete a picture; then the same page on a phone.
 */
class CandidateFlowIT extends InBrowser {

    @Test
    void registerUploadDeleteThenOnAPhone() {
        Keycloak.User candidate = Keycloak.createUser("candidate", "bj", null);
        Page page = signedIn(candidate, false);

        // 报名
        page.locator("[data-testid=register]").waitFor();
        assertTrue(page.url().endsWith("/candidate"), page.url());
        page.locator("[data-testid=site-bj-01]").click();
        Browser.screenshot(page, "candidate-register");
        Browser.assertAccessible(page, "registration form");
        // under the pointer a button changes colour: that state must be readable too
        page.locator("[data-testid=register]").hover();
        Browser.assertAccessible(page, "registration form, the pointer on 报名");
        page.locator("[data-testid=register]").click();

        // straight on to 材料图片上传
        page.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        assertTrue(page.url().contains("/candidate/registrations/"), page.url());
        String registration = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertEquals("填报", page.locator("[data-testid=status]").innerText().trim());
        Locator idCard = page.locator("[data-testid=material-id-card]");
        assertTrue(idCard.innerText().contains("须上传 2 张"), "rules shown before upload");
        assertTrue(idCard.locator("img[alt^=示例图片]").isVisible(), "sample image");

        // a phone photo: 4000×3000, about 1.5 MB, shrunk in the browser under the 200 KB limit
        byte[] photo = SampleImages.phonePhotoJpeg(1);
        assertTrue(photo.length > 1_200_000 && photo.length < 2_000_000, "photo of " + photo.length + " bytes");
        idCard.locator("input[type=file]").setInputFiles(new FilePayload("IMG_0001.jpg", "image/jpeg", photo));
        idCard.locator("[data-testid=watermarked] img").first().waitFor();
        Browser.awaitImage(page, "[data-testid=material-id-card] [data-testid=watermarked] img");
        assertEquals("已上传 1/2 张", idCard.locator("[data-testid=count]").innerText().trim());

        String token = candidate.token();
        JsonPath view = Api.as(token).get("/districts/bj/registrations/" + registration).then().statusCode(200).extract().jsonPath();
        Map<String, Object> stored = view.getMap("materials.find { it.code == 'id-card' }.images[0]");
        // what the browser sent (the server refuses more than 200 KB anyway: that it took the photo says as much)
        long sent = Long.parseLong(idCard.locator("[data-testid=shrunk]").getAttribute("data-bytes"));
        assertTrue(sent > 20_000 && sent <= 204_800, "the browser sent " + sent + " bytes");
        assertTrue(idCard.locator("[data-testid=shrunk]").innerText().contains("已自动压缩"));
        // (the stored picture is the server's watermarked re-encoding: its size is the server's business)
        assertTrue(((Number) stored.get("width")).intValue() >= 1000, "still legible: " + stored);
        assertEquals(4 / 3.0, ((Number) stored.get("width")).doubleValue() / ((Number) stored.get("height")).doubleValue(), 0.01, "not distorted");
        assertEquals("SUBMITTED", stored.get("state"));

        // an unsupported format is explained, nothing is sent
        Locator diploma = page.locator("[data-testid=material-diploma]");
        diploma.locator("input[type=file]").setInputFiles(new FilePayload("scan.gif", "image/gif", "GIF89a-not-really".getBytes()));
        assertTrue(diploma.locator("[data-testid=notice]").innerText().contains("不支持该文件格式"));

        // the second ID picture fills the type: the upload button goes away
        idCard.locator("input[type=file]").setInputFiles(new FilePayload("back.jpg", "image/jpeg", TestImages.jpeg(1000, 750)));
        idCard.locator("[data-testid=full]").waitFor();
        assertEquals("已上传 2/2 张", idCard.locator("[data-testid=count]").innerText().trim());
        assertEquals(0, idCard.locator("[data-testid=upload]").count());
        page.waitForFunction("() => [...document.querySelectorAll('[data-testid=material-id-card] [data-testid=watermarked] img')].filter(i => i.complete && i.naturalWidth > 0).length === 2");
        Browser.screenshot(page, "upload");
        Browser.assertAccessible(page, "upload page");

        // the minus button deletes (until a reviewer locks the picture)
        idCard.locator("[data-testid=delete]").first().click();
        page.locator(".el-message-box__btns .el-button--primary").click();
        idCard.locator("[data-testid=upload]").waitFor();
        assertEquals("已上传 1/2 张", idCard.locator("[data-testid=count]").innerText().trim());
        List<Object> left = Api.as(token).get("/districts/bj/registrations/" + registration).then().statusCode(200)
                .extract().jsonPath().getList("materials.find { it.code == 'id-card' }.images");
        assertEquals(1, left.size());

        // English
        page.locator("[data-testid=language]").click();
        page.locator("text=Upload material images").waitFor();
        assertEquals("Filling in", page.locator("[data-testid=status]").innerText().trim());
        assertTrue(idCard.innerText().contains("1/2 uploaded"));
        Browser.screenshot(page, "upload-en");
        page.locator("[data-testid=language]").click();

        // a phone: a new browser profile signs in again (no consent asked the second time)
        Page phone = browser.newPage(true);
        phone.navigate(Browser.BASE + "/candidate/registrations/" + registration);
        phone.locator("#username").waitFor();
        phone.fill("#username", candidate.username());
        phone.fill("#password", candidate.password());
        phone.locator("#kc-login").click();
        phone.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        assertFalse(phone.url().contains("login-actions"));
        phone.locator("[data-testid=material-id-card] [data-testid=watermarked] img").first().waitFor();
        Browser.assertNoHorizontalScroll(phone);
        Browser.screenshot(phone, "upload-375");
        Browser.assertAccessible(phone, "upload page on a phone");
    }
}
