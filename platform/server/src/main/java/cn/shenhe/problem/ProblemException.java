package cn.shenhe.problem;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A refusal the caller can act on: a {@link Problem} with the arguments of its message and extra
 * members of the problem document. Domain code throws it ({@code throw Problem.IMAGE_LOCKED.refuse()});
 * {@link ProblemMapper} renders it as RFC 9457 {@code application/problem+json}, in words from
 * {@link ProblemTexts}.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final String code;
    private final int status;
    private final List<Object> args;
    private final Map<String, Object> details;

    protected ProblemException(Problem problem, Map<String, Object> details, Object... args) {
        this(problem, problem.code(), problem.status(), details, args);
    }

    private ProblemException(Problem problem, String code, int status, Map<String, Object> details, Object... args) {
        super(code + ": " + ProblemTexts.format(problem, Locale.ENGLISH, Arrays.asList(args)));
        this.problem = problem;
        this.code = code;
        this.status = status;
        this.args = Collections.unmodifiableList(Arrays.asList(args.clone()));   // an argument may be null
        this.details = Map.copyOf(details);
    }

    /**
     * A refusal whose code is not ours to list: an upload check's (a plugin's), or {@code http-<status>}
     * for a status the runtime refuses with. Worded as {@code problem}.
     */
    public static ProblemException coded(Problem problem, String code, int status, Map<String, Object> details, Object... args) {
        return new ProblemException(problem, code, status, details, args);
    }

    public Problem problem() { return problem; }
    public int status() { return status; }
    public String code() { return code; }
    public String message(Locale locale) { return ProblemTexts.format(problem, locale, args); }
    public String messageZh() { return message(Locale.SIMPLIFIED_CHINESE); }
    public String messageEn() { return message(Locale.ENGLISH); }
    /** Extra members of the problem document, e.g. {@code maxBytes}. */
    public Map<String, Object> details() { return details; }
}
