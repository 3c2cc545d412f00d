package cn.shenhe.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a problem document. {@code title} and {@code detail} follow the caller's
 * Accept-Language (zh-CN unless English is preferred); {@code messages} always carries both.
 */
public final class ProblemDocument {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json", "UTF-8");
    private static final String TYPE_BASE = "https://shenhe.cn/problems/";

    private ProblemDocument() {
    }

    public static Response response(ProblemException p, HttpHeaders headers, String instance) {
        boolean english = prefersEnglish(headers == null ? List.of() : headers.getAcceptableLanguages());
        Response.ResponseBuilder r = Response.status(p.status())
                .type(MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, english ? "en" : "zh-CN")
                .entity(body(p, english, instance));
        // a refusal that says when to come back (429, 503) says it as HTTP does, too
        if (p.details().get(Problem.RETRY_AFTER) instanceof Number seconds) {
            r.header(HttpHeaders.RETRY_AFTER, Math.max(1, seconds.longValue()));
        }
        return r.build();
    }

    /** The problem document's members, in the caller's language ({@code english} or zh-CN). */
    public static Map<String, Object> body(ProblemException p, boolean english, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + p.code());
        body.put("title", english ? p.messageEn() : p.messageZh());
        body.put("status", p.status());
        body.put("detail", english ? p.messageEn() : p.messageZh());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", p.code());
        body.put("messages", Map.of("zh-CN", p.messageZh(), "en", p.messageEn()));
        p.details().forEach(body::putIfAbsent);
        return body;
    }

    /** English if the caller ranks it above Chinese (Accept-Language, most preferred first). */
    public static boolean prefersEnglish(Iterable<Locale> locales) {
        for (Locale l : locales) {
            if ("zh".equals(l.getLanguage())) {
                return false;
            }
            if ("en".equals(l.getLanguage())) {
                return true;
            }
        }
        return false;
    }
}
