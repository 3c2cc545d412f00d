package cn.shenhe.e2e;

import cn.shenhe.it.Deployments;
import cn.shenhe.it.Keycloak;
import com.microsoft.playwright.Page;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every browser test class shares: the application deployed for the class, one headless Chromium for
 * its tests (launched once, its pages watched for CSP violations: see {@link Browser}), and a user signed
 * in on Keycloak's own page. A subclass's own {@code @BeforeAll} runs after this one's: the browser is up.
 */
@ExtendWith(ArquillianExtension.class)
abstract class InBrowser {

    static Browser browser;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            Browser closing = browser;
            browser = null;
            closing.close();
        }
    }

    /** A fresh browser profile (desktop or phone) on the public page, signed in as {@code user} through 登录. */
    static Page signedIn(Keycloak.User user, boolean phone) {
        Page page = browser.newPage(phone);
        page.navigate(Browser.BASE + "/");
        Browser.signIn(page, user.username(), user.password());
        return page;
    }
}
