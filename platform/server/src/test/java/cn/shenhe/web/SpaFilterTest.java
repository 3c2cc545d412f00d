package cn.shenhe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpaFilterTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void browserNavigationsToAppRoutesGetTheApp() {
        assertTrue(SpaFilter.isAppRoute("GET", "/", BROWSER));
        assertTrue(SpaFilter.isAppRoute("GET", "/candidate", BROWSER));
        assertTrue(SpaFilter.isAppRoute("GET", "/candidate/registrations/r-1", BROWSER));
    }

    @Test
    void theServerKeepsItsOwnPathsFilesAndNonBrowserCalls() {
        assertFalse(SpaFilter.isAppRoute("GET", "/api/v1/districts", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/health", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/openapi/ui", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/metrics", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/assets/index-abc.js", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/favicon.ico", BROWSER));
        assertFalse(SpaFilter.isAppRoute("GET", "/candidate", "application/json"));
        assertFalse(SpaFilter.isAppRoute("GET", "/candidate", null));
        assertFalse(SpaFilter.isAppRoute("POST", "/candidate", BROWSER));
    }

    @Test
    void uiConfigComesFromTheIssuer() {
        UiConfigResource.UiConfig c = UiConfigResource.of("http://localhost:8180/realms/shenhe", "shenhe-ui");
        assertEquals("http://localhost:8180", c.keycloakUrl());
        assertEquals("shenhe", c.realm());
        assertEquals("shenhe-ui", c.clientId());
        assertEquals("http://kc.example/auth", UiConfigResource.of("http://kc.example/auth/realms/x/", "c").keycloakUrl());
        assertThrows(IllegalStateException.class, () -> UiConfigResource.of("http://localhost:8180/", "c"));
    }
}
