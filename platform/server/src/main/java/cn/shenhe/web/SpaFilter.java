package cn.shenhe.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the single-page app (built from {@code ui/} into the WAR's root). A browser opening one
 * of the app's own addresses ({@code /candidate/registrations/...}) gets {@code index.html}, whose
 * router shows the page; the API, health, metrics and OpenAPI are left alone, and so is anything
 * that is not a browser navigation (no {@code text/html} in Accept) or that names a file.
 * Vite's hashed files under {@code /assets/} never change: cached for a year; {@code index.html}
 * is revalidated on every visit so that a new build shows at once.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SpaFilter extends HttpFilter {

    private static final String[] SERVER_PATHS = {"/api/", "/api", "/health", "/openapi", "/metrics", "/ibm/", "/Arquillian"};

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/assets/")) {
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
            chain.doFilter(request, response);
            return;
        }
        if (isAppRoute(request.getMethod(), path, request.getHeader("Accept"))) {
            response.setHeader("Cache-Control", "no-cache");
            request.getRequestDispatcher("/index.html").forward(request, response);
            return;
        }
        if (path.equals("/index.html")) {
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }

    static boolean isAppRoute(String method, String path, String accept) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (accept == null || !accept.contains("text/html")) {
            return false;
        }
        for (String p : SERVER_PATHS) {
            if (path.startsWith(p)) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
