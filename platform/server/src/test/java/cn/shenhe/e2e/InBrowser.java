package cn.shenhe.e2e;

import cn.shenhe.it.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a browser test class shares: the application deployed for the class, one headless Chromium for its tests. */
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
            browser.close();
            browser = null;
        }
    }
}
