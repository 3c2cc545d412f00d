package cn.shenhe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void keycloaksOriginIsTakenFromTheIssuer() {
        assertEquals("http://localhost:8180", SecurityHeaders.origin("http://localhost:8180/realms/shenhe"));
        assertEquals("https://login.example.cn", SecurityHeaders.origin("https://login.example.cn/realms/shenhe"));
        assertThrows(IllegalStateException.class, () -> SecurityHeaders.origin("/realms/shenhe"));
    }

    @Test
    void thePolicyAllowsNoInlineScriptAndNoFraming() {
        String p = SecurityHeaders.policy("https://login.example.cn");
        assertTrue(p.contains("script-src 'self';"), p);
        assertFalse(p.contains("unsafe-eval"), p);
        assertTrue(p.contains("connect-src 'self' https://login.example.cn;"), p);
        assertTrue(p.contains("frame-src https://login.example.cn;"), p);
        assertTrue(p.contains("object-src 'none'"), p);
        assertTrue(p.endsWith("frame-ancestors 'none'"), p);
    }
}
