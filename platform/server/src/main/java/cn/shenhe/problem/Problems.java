package cn.shenhe.problem;

import cn.shenhe.plugin.api.LocalizedText;
import java.util.Map;

/** The refusals shared across the domain whose arguments take some building. */
public final class Problems {

    private Problems() {
    }

    /** Not there, or not the caller's to see: the two are never told apart. */
    public static ProblemException notFound(String whatZh, String whatEn) {
        return Problem.NOT_FOUND.refuse(LocalizedText.of(whatZh, whatEn));
    }

    public static ProblemException forbidden() {
        return Problem.FORBIDDEN.refuse();
    }

    public static ProblemException readOnly() {
        return Problem.READ_ONLY.refuse();
    }

    /** The refusal the HTTP runtime itself gives (no such path, wrong method or media type, ...) with that status. */
    public static ProblemException ofStatus(int status) {
        return switch (status) {
            case 400 -> Problem.BAD_REQUEST.refuse();
            case 401 -> Problem.UNAUTHENTICATED.refuse();
            case 403 -> forbidden();
            case 404 -> notFound("该资源", "Resource");
            case 405 -> Problem.METHOD_NOT_ALLOWED.refuse();
            case 406 -> Problem.NOT_ACCEPTABLE.refuse();
            case 411 -> Problem.LENGTH_REQUIRED.refuse();
            case 413 -> Problem.REQUEST_TOO_LARGE.refuse();
            case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE.refuse();
            default -> status >= 500
                    ? ProblemException.coded(Problem.SERVER_REFUSED, Problem.SERVER_REFUSED.code(), status, Map.of())
                    : ProblemException.coded(Problem.HTTP_REFUSED, "http-" + status, status, Map.of());
        };
    }

    /** 500 for what nobody foresaw: the incident id is in the log and in the answer, never the stack trace. */
    public static ProblemException internalError(int status, String incident) {
        return ProblemException.coded(Problem.INTERNAL_ERROR, Problem.INTERNAL_ERROR.code(), status, Map.of("incident", incident), incident);
    }
}
