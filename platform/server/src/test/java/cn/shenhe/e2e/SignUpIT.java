package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.IdNumbers;
import cn.shenhe.it.Keycloak;
import cn.shenhe.it.TestImages;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A person with no account, on a phone-sized screen: opens the site, taps 考生注册 (Keycloak's sign-up form), fills
 * the form in Chinese (an ID number with a wrong check digit is refused in words first), consents to what
 * the platform does with their personal data, and is then a candidate of the district they chose: they
 * register for the exam and upload a picture. The ID number and mobile they gave reach the registration.
 */
class SignUpIT extends InBrowser {

    @Test
    void aNewPersonSignsUpConsentsRegistersAndUploads() {
        String username = "it-signup-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Shenhe-2027-exam";
        String id = IdNumbers.next();
        Page page = browser.newPage(true);
        page.navigate(Browser.BASE + "/");
        page.locator("[data-testid=sign-up]").click();

        page.locator("#idNumber").waitFor();
        String form = page.content();
        for (String label : new String[] {"姓（与身份证一致）", "公民身份号码", "手机号码", "报考考区"}) {
            assertTrue(form.contains(label), label + " on the sign-up form");
        }
        page.fill("#username", username);
        page.fill("#lastName", "赵");
        page.fill("#firstName", "小明");
        page.fill("#idNumber", id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0'));
        page.fill("#phoneNumber", "13700137000");
        page.selectOption("#district", "bj");
        page.fill("#password", password);
        page.fill("#password-confirm", password);
        Browser.screenshot(page, "sign-up-375");
        page.locator("#kc-form-buttons [type=submit]").click();

        Locator error = page.locator("#input-error-idNumber");
        error.waitFor();
        assertTrue(error.innerText().contains("公民身份号码校验位不正确"), error.innerText());
        Browser.screenshot(page, "sign-up-refused-375");
        page.fill("#idNumber", id);
        page.fill("#password", password);
        page.fill("#password-confirm", password);
        page.locator("#kc-form-buttons [type=submit]").click();

        // the consent screen: what is processed, and why, before anything of the platform opens
        page.locator("[name=accept]").waitFor();
        String consent = page.locator("body").innerText();
        assertTrue(consent.contains("公民身份号码") && consent.contains("敏感个人信息"), consent);
        Browser.screenshot(page, "sign-up-consent-375");
        page.locator("[name=accept]").click();
        page.waitForURL(url -> url.startsWith(Browser.BASE));

        // a candidate of the district chosen: 报名, then a picture
        page.locator("[data-testid=register]").waitFor();
        assertTrue(page.url().endsWith("/candidate"), page.url());
        page.locator("[data-testid=site-bj-01]").click();
        page.locator("[data-testid=register]").click();
        page.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        String registration = page.url().substring(page.url().lastIndexOf('/') + 1);
        Locator idCard = page.locator("[data-testid=material-id-card]");
        idCard.locator("input[type=file]").setInputFiles(new FilePayload("front.jpg", "image/jpeg", TestImages.jpeg(1000, 750)));
        idCard.locator("[data-testid=watermarked] img").first().waitFor();
        assertEquals("已上传 1/2 张", idCard.locator("[data-testid=count]").innerText().trim());
        Browser.assertNoHorizontalScroll(page);
        Browser.screenshot(page, "sign-up-uploaded-375");

        // the server saw the person Keycloak signed up: in the district they chose, with the name, ID number
        // and mobile of the sign-up form, which the district's reviewers see
        String token = Keycloak.token(username, password);
        JsonPath view = Api.as(token).get("/districts/bj/registrations/" + registration)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("赵小明", view.getString("candidateName"), view.prettify());
        assertEquals(1, view.getList("materials.find { it.code == 'id-card' }.images").size());
        JsonPath identity = Api.as(Keycloak.createUser("district-reviewer", "bj", null).token())
                .get("/districts/bj/registrations/" + registration + "/review-context").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(id, identity.getString("identity.idNumber"));
        assertEquals("13700137000", identity.getString("identity.phone"));
        assertTrue(identity.getBoolean("identity.checksumValid"));
        // and only that district: another district's reviewer does not see it, nor the candidate another district
        Api.as(Keycloak.createUser("district-reviewer", "sh", null).token())
                .get("/districts/bj/registrations/" + registration).then().statusCode(404);
        Api.as(token).get("/districts/sh/registrations").then().statusCode(404);
    }
}
