package cn.shenhe.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.it.Api;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;

/**
 * On-site review (现场审核) in the browser, in the test district {@code tbooking} (only this test
 * books there; its slots lie far ahead, so booking never closes): on a phone the candidate books a
 * slot, moves it, cancels, books again; the site reviewer's workbench opens on that day, checks the
 * candidate in, records the originals per material and passes the registration; the candidate's
 * page then says 考点通过 and offers no more changes to the appointment.
 */
class OnsiteFlowIT extends InBrowser {

    private static final String D = "tbooking";

    @Test
    void bookMoveCancelBookThenCheckedInAndPassed() {
        Keycloak.User candidate = Keycloak.createUser("candidate", D, null);
        Keycloak.User reviewer = Keycloak.createUser("site-reviewer", D, "tbooking-01");
        String r = Api.register(candidate.token(), D, 2027, "tbooking-01");
        Api.completeMaterials(candidate.token(), D, r);
        String appointment = "/districts/" + D + "/registrations/" + r + "/appointment";

        // The candidate, on a phone: the appointment panel with the site's slots.
        Page phone = signedIn(candidate, true);
        phone.navigate(Browser.BASE + "/candidate/registrations/" + r);
        Locator panel = phone.locator("[data-testid=appointment]");
        panel.locator("[data-testid=slot]").first().waitFor();
        assertEquals(3, panel.locator("[data-testid=slot]").count());
        Browser.screenshot(phone, "appointment-phone");
        Browser.assertAccessible(phone, "appointment panel on a phone");
        Browser.assertNoHorizontalScroll(phone);

        book(panel, "2098-05-11 09:00");
        booked(panel, "2098-05-11 09:00–11:30");
        book(panel, "2098-05-11 13:30");
        booked(panel, "2098-05-11 13:30–16:30");
        Api.as(candidate.token()).get(appointment).then().statusCode(200)
                .body("slot.id", equalTo("tbooking-01-20980511-1330"));
        Browser.screenshot(phone, "appointment-moved-phone");
        Browser.assertAccessible(phone, "appointment panel, booked");
        Browser.assertNoHorizontalScroll(phone);
        panel.locator("[data-testid=cancel-appointment]").click();
        panel.locator("[data-testid=booked]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        Api.as(candidate.token()).get(appointment).then().statusCode(404);
        book(panel, "2098-05-11 09:00");
        booked(panel, "2098-05-11 09:00–11:30");

        // The site reviewer: the workbench opens on the first day with slots, with the candidate in its morning slot.
        Page desk = signedIn(reviewer, false);
        desk.locator("[data-testid=onsite-day]").waitFor();
        Locator person = desk.locator("[data-testid=onsite-appointment]");
        person.first().waitFor();
        assertEquals("2098-05-11", desk.locator("[data-testid=onsite-date]").inputValue());
        assertEquals(1, person.count());
        assertTrue(person.innerText().contains("已预约"), person.innerText());
        assertTrue(desk.locator("[data-testid=onsite-slot]").first().innerText().contains("09:00–11:30"));
        assertEquals(0, desk.locator("[data-testid=claim-next]").count(), "no claiming from the queue in person");
        Browser.screenshot(desk, "onsite-day");
        Browser.assertAccessible(desk, "on-site day");

        // Check-in claims the registration and opens it.
        person.locator("[data-testid=check-in]").click();
        desk.waitForURL(url -> url.endsWith("/review/registrations/" + r));
        desk.locator("[data-testid=result-id-card]").waitFor();
        desk.locator("[data-testid=onsite-appointment]").filter(new Locator.FilterOptions().setHasText("已签到")).waitFor();
        Browser.awaitImage(desk, ".big img");
        Browser.screenshot(desk, "onsite-checked-in");
        Browser.assertAccessible(desk, "on-site review of a checked-in candidate");

        // Originals per material: by click, and with the keyboard (a) on the picture shown.
        desk.locator("[data-testid=result-id-card] [data-testid=seen]").click();
        desk.locator("[data-testid=result-diploma] button.linkish").click();
        desk.evaluate("() => document.activeElement && document.activeElement.blur()");
        desk.keyboard().press("a");
        desk.locator("[data-testid=result-diploma] .is-active[data-testid=seen]").waitFor();
        desk.locator("[data-testid=result-practice-proof] [data-testid=seen]").click();
        desk.locator("[data-testid=outcome-PASS]").click();
        Browser.screenshot(desk, "onsite-results");
        desk.locator("[data-testid=submit-review]").click();
        desk.waitForURL(url -> url.endsWith("/review"));
        Api.as(reviewer.token()).get("/districts/" + D + "/registrations/" + r).then().statusCode(200)
                .body("status", equalTo("SITE_PASSED"))
                .body("materials.images.flatten().locked", everyItem(equalTo(true)));

        // The candidate sees the outcome (shown at once in this district), and the appointment is settled.
        phone.reload();
        phone.locator("[data-testid=upload-page] [data-testid=status]").waitFor();
        assertEquals("考点通过", phone.locator("[data-testid=upload-page] [data-testid=status]").innerText().trim());
        assertEquals(0, phone.locator("[data-testid=cancel-appointment]").count());
        Browser.screenshot(phone, "appointment-passed-phone");
        Browser.assertAccessible(phone, "candidate page after the on-site review");
    }

    private static void book(Locator panel, String slot) {
        panel.locator("[data-testid=slot]").filter(new Locator.FilterOptions().setHasText(slot)).locator("[data-testid=book]").click();
    }

    private static void booked(Locator panel, String text) {
        panel.locator("[data-testid=booked]").filter(new Locator.FilterOptions().setHasText(text)).waitFor();
    }
}
