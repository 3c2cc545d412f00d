package cn.shenhe.web;

import cn.shenhe.problem.ProblemDocument;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the servlet container answers by itself (a file that is not there, a method the static files do not
 * take, a path it cannot decode, an exception outside JAX-RS), in place of Liberty's page, which names Java
 * exceptions ({@code java.io.FileNotFoundException: SRVE0190E ...}) and can carry stack lines. Under
 * {@code /api}: the same problem document as the API's own refusals; elsewhere a short plain-text page.
 * Never the exception: an unexpected one is logged under an incident id, which the answer names.
 * The error page of every status (web.xml).
 */
@WebServlet(urlPatterns = ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/_error";
    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;   // asked for directly: there is nothing here
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemException problem = Problems.ofStatus(status);
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && thrown instanceof Throwable t) {   // a missing file comes with its own FileNotFoundException
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected error, incident " + incident + " at " + uri, t);
            problem = Problems.internalError(status, incident);
        }
        boolean english = request.getHeader("Accept-Language") != null
                && ProblemDocument.prefersEnglish(Collections.list(request.getLocales()));
        response.setStatus(status);
        // Not the year-long caching a hashed asset's address gets: the file may exist after the next deployment.
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Language", english ? "en" : "zh-CN");
        if (uri != null && (uri.equals("/api") || uri.startsWith("/api/"))) {
            response.setContentType("application/problem+json");
            response.getWriter().write(JSON.toJson(ProblemDocument.body(problem, english, null)));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(String.join("\n", List.of(status + " " + problem.messageZh(), problem.messageEn(), "")));
        }
    }
}
