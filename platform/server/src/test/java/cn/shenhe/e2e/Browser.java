package cn.shenhe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.it.Api;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright (no browser download), against the real server
 * and the real Keycloak login page. Screenshots go to target/e2e-screenshots; axe-core (from the
 * UI's node_modules) checks pages for serious and critical accessibility violations.
 *
 * <p>Every page of ours is watched for Content-Security-Policy violations (what Chromium reports in the
 * console as "Refused to ...", and every {@code securitypolicyviolation} event) while the tests use it:
 * {@link #close()} fails the test class if there was any, so a UI change that needs inline script or an
 * origin the policy does not allow is caught here, not by users. Keycloak's own pages are not ours.
 */
final class Browser implements AutoCloseable {

    static final String BASE = Api.BASE;
    private static final Path SCREENSHOTS = Paths.get(System.getProperty("it.screenshots", "target/e2e-screenshots"));
    private static final Path AXE = Paths.get(System.getProperty("it.axe", "../../ui/node_modules/axe-core/axe.min.js"));

    /** Reports each CSP violation on our origin to the console, where {@link #watch} collects it. */
    private static final String REPORT_CSP_VIOLATIONS = "if (location.origin === " + jsString(BASE) + ") {"
            + " document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: '"
            + " + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber)) }";

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final List<String> cspViolations = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("it.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser profile (no cookies): a desktop window, or a phone's 375×812. */
    Page newPage(boolean phone) {
        com.microsoft.playwright.Browser.NewContextOptions o = new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setViewportSize(phone ? 375 : 1280, phone ? 812 : 900);
        if (phone) {
            o.setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2);
        }
        BrowserContext context = browser.newContext(o);
        context.setDefaultTimeout(45_000);
        watch(context);
        return context.newPage();
    }

    private void watch(BrowserContext context) {
        context.addInitScript(REPORT_CSP_VIOLATIONS);
        context.onConsoleMessage(m -> {
            String url = m.page() == null ? "" : m.page().url();
            String text = m.text();
            if (url.startsWith(BASE) && (text.startsWith("CSP violation") || text.startsWith("Refused to")
                    || text.contains("Content Security Policy"))) {
                cspViolations.add(url + ": " + text);
            }
        });
    }

    /** The violations reported so far, which then no longer count against {@link #close()}. */
    List<String> takeCspViolations() {
        synchronized (cspViolations) {
            List<String> taken = List.copyOf(cspViolations);
            cspViolations.clear();
            return taken;
        }
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Signs in on Keycloak's own page; grants the consent the first time it is asked (账号授权). */
    static void signIn(Page page, String username, String password) {
        page.locator("[data-testid=login]").click();
        page.locator("#username").waitFor();
        page.fill("#username", username);
        page.fill("#password", password);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(BASE) || url.contains("login-actions"));
        if (!page.url().startsWith(BASE)) {
            // The consent screen of client shenhe-ui.
            page.locator("[name=accept]").click();
            page.waitForURL(url -> url.startsWith(BASE));
        }
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Waits until the first image that {@code selector} finds has loaded and has pixels. */
    static void awaitImage(Page page, String selector) {
        page.waitForFunction("s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0 }", selector);
    }

    /** No serious or critical axe-core violation on the page as it is now. */
    static void assertAccessible(Page page, String what) {
        if (page.evaluate("() => typeof window.axe") .equals("undefined")) {
            // Evaluated through the DevTools protocol, which the page's CSP does not govern: a <script> tag
            // with axe inline (addScriptTag) would be refused by it, as it should be.
            try {
                page.evaluate(Files.readString(AXE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // Element Plus zooms and fades some components in (el-tag appears through a 0.3-s transition), and
        // mid-animation their opacity fails contrast checks they pass a moment later; on a loaded CI machine
        // such moments also outlast the animations we can see. So: wait for every finite animation, check,
        // and ask again (up to 3 times, 0.5 s apart) before failing. A real contrast problem stays.
        // Toasts (.el-message) fade in and out and are gone seconds later. The page itself is what is checked.
        Object found = List.of();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                page.waitForTimeout(500);
            }
            page.evaluate("async () => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
                    + " await Promise.all(document.getAnimations()"
                    + ".filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
                    + ".map(a => a.finished.catch(() => null))) }");
            // Each node with axe's own reading (for contrast: the colours it saw), so a failure says what it saw.
            found = page.evaluate("async () => (await axe.run({ exclude: [['.el-message']] }, { resultTypes: ['violations'] })).violations"
                    + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')"
                    + " + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 220) + ']').join(', '))");
            if (((List<?>) found).isEmpty()) {
                break;
            }
            String shot = "axe-" + what.replaceAll("[^\\p{L}\\p{N}]+", "-") + "-" + attempt;
            screenshot(page, shot);
            System.err.println("accessibility of " + what + ", attempt " + (attempt + 1) + " (screenshot " + shot + "): " + found);
        }
        assertEquals(List.of(), found, "accessibility of " + what);
    }

    /** The page fits its viewport: nothing to scroll sideways on a phone. */
    static void assertNoHorizontalScroll(Page page) {
        Object widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        List<?> w = (List<?>) widths;
        assertEquals(((Number) w.get(1)).intValue(), ((Number) w.get(0)).intValue(), "page width vs viewport");
    }

    /** Closes the browser; fails if any page of ours reported a Content-Security-Policy violation. */
    @Override
    public void close() {
        browser.close();
        playwright.close();
        assertEquals(List.of(), List.copyOf(cspViolations), "Content-Security-Policy violations in the browser");
    }
}
