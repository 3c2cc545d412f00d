package cn.shenhe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
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

    @Test
    void tlsIsTheConnectionsOrATrustedBalancersWord() {
        HttpServletRequest direct = request(null, "TLS_AES_128_GCM_SHA256");
        HttpServletRequest plain = request(null, null);
        HttpServletRequest forwarded = request("https", null);
        assertTrue(SecurityHeaders.overTls(direct, false));
        assertFalse(SecurityHeaders.overTls(plain, true));
        assertFalse(SecurityHeaders.overTls(forwarded, false), "any client can send X-Forwarded-Proto");
        assertTrue(SecurityHeaders.overTls(forwarded, true));
        assertFalse(SecurityHeaders.overTls(request("http", null), true));
    }

    /** A request with only what overTls reads: the X-Forwarded-Proto header and the cipher suite attribute. */
    private static HttpServletRequest request(String forwardedProto, String cipherSuite) {
        return (HttpServletRequest) Proxy.newProxyInstance(SecurityHeadersTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "X-Forwarded-Proto".equalsIgnoreCase((String) args[0]) ? forwardedProto : null;
                    case "getAttribute" -> "jakarta.servlet.request.cipher_suite".equals(args[0]) ? cipherSuite : null;
                    case "isSecure" -> true;   // as Liberty answers when a client sends X-Forwarded-Proto: https
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
