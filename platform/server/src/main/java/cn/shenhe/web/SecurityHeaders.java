package cn.shenhe.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The browser-facing security headers of every response the application writes: the one place that
 * decides them. Liberty's own endpoints ({@code /metrics}, {@code /health}, {@code /openapi}) and
 * what its HTTP channel answers before any application sees a request get the static ones from
 * {@code <httpEndpoint><headers setIfMissing>} in server.xml instead (no servlet filter reaches them).
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: see {@link #policy(String)}; no inline script, no eval, and
 *       {@code frame-ancestors 'none'} (with {@code X-Frame-Options: DENY} for older browsers): no page of
 *       ours can be framed (click-jacking of the review decisions).</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: an uploaded picture is never run as a script or page.</li>
 *   <li>{@code Referrer-Policy: same-origin}: registration ids in our URLs never reach another site.</li>
 *   <li>{@code Cache-Control: no-store} on {@code /api/}: answers carry personal data (names, ID numbers,
 *       the pictures themselves) that no shared or browser cache should keep. A resource that knows
 *       better (a public sample picture, the UI's sign-in settings) sets its own, which replaces it.</li>
 *   <li>{@code Strict-Transport-Security} when the request came over TLS: to the server itself
 *       (the connection's cipher suite), or to a load balancer that says so in
 *       {@code X-Forwarded-Proto}, which is believed only when {@code shenhe.http.forwarded-proto-trusted}
 *       is {@code true} (set it only when every request passes the balancer, which overwrites the
 *       header: otherwise any client could claim it).</li>
 * </ul>
 *
 * Registered by code rather than {@code @WebFilter} so that it runs before every other filter (the
 * single-page app's forward to {@code index.html} included), and on error dispatches too.
 */
@WebListener
public class SecurityHeaders implements ServletContextListener {

    static final String HSTS = "max-age=31536000";
    static final String NO_STORE = "no-store";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig(SecurityHeaders.class.getClassLoader());
        String keycloakOrigin = origin(config.getValue("keycloak.issuer", String.class));
        boolean trustForwardedProto = config.getOptionalValue("shenhe.http.forwarded-proto-trusted", Boolean.class).orElse(false);
        FilterRegistration.Dynamic f = event.getServletContext()
                .addFilter("security-headers", new Filter(policy(keycloakOrigin), trustForwardedProto));
        f.setAsyncSupported(true);
        // isMatchAfter = false: before the filters the application declares.
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
    }

    /**
     * The UI's policy. Scripts only from our own origin (Vite emits module scripts in files, never inline),
     * connections to ourselves and to Keycloak (keycloak-js exchanges the code for tokens and refreshes
     * them with fetch), frames only from Keycloak (keycloak-js' optional silent check-sso iframe).
     * Pictures are shown from {@code blob:} URLs (fetched with the token) and the favicon is a
     * {@code data:} URL.
     *
     * <p>{@code style-src 'unsafe-inline'}: Element Plus positions popovers, dialogs and tooltips and the
     * picture viewer zooms and turns through {@code style} attributes, and Vue inserts larger static
     * template fragments as HTML, style attributes included; a policy without it may drop any of those.
     * The risk it leaves is CSS injection, not script: every text the UI shows is escaped by Vue, and the
     * highlighted search snippets are built by the server from escaped text.
     */
    static String policy(String keycloakOrigin) {
        return "default-src 'self'; "
                + "script-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; "
                + "font-src 'self' data:; "
                + "connect-src 'self' " + keycloakOrigin + "; "
                + "frame-src " + keycloakOrigin + "; "
                + "object-src 'none'; "
                + "base-uri 'self'; "
                + "form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /** {@code scheme://host[:port]} of a URL such as Keycloak's issuer. */
    static String origin(String url) {
        URI u = URI.create(url);
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalStateException("not an absolute URL: " + url);
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /**
     * Whether the connection itself is TLS (the container names its cipher suite), or a trusted balancer
     * says the client's was. Not {@link HttpServletRequest#isSecure()}: Liberty answers it from a client's
     * own {@code X-Forwarded-Proto} too.
     */
    static boolean overTls(HttpServletRequest request, boolean trustForwardedProto) {
        return request.getAttribute("jakarta.servlet.request.cipher_suite") != null
                || (trustForwardedProto && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")));
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** The filter itself; one instance, configured once at start. */
    static final class Filter extends HttpFilter {

        private final String policy;
        private final boolean trustForwardedProto;

        Filter(String policy, boolean trustForwardedProto) {
            this.policy = policy;
            this.trustForwardedProto = trustForwardedProto;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            response.setHeader("Content-Security-Policy", policy);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "same-origin");
            if (overTls(request, trustForwardedProto)) {
                response.setHeader("Strict-Transport-Security", HSTS);
            }
            if (isApi(request) && request.getDispatcherType() == DispatcherType.REQUEST) {
                response.setHeader("Cache-Control", NO_STORE);
                chain.doFilter(request, new OwnCacheControl(response));
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    /**
     * Lets a resource's own {@code Cache-Control} replace the default instead of joining it (JAX-RS adds
     * headers with {@code addHeader}: two values would leave the cache to pick one).
     */
    static final class OwnCacheControl extends HttpServletResponseWrapper {

        OwnCacheControl(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Cache-Control".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
