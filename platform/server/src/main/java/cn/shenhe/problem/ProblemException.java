package cn.shenhe.problem;

import java.util.Map;

/**
 * A refusal the caller can act on: becomes an RFC 9457 {@code application/problem+json} response
 * with a stable machine-readable {@code code} and a message in zh-CN and English.
 * Throw it from anywhere in a request; {@link ProblemMapper} renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String messageZh;
    private final String messageEn;
    private final Map<String, Object> details;

    public ProblemException(int status, String code, String messageZh, String messageEn) {
        this(status, code, messageZh, messageEn, Map.of());
    }

    public ProblemException(int status, String code, String messageZh, String messageEn, Map<String, Object> details) {
        super(code + ": " + messageEn);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.details = Map.copyOf(details);
    }

    public int status() { return status; }
    public String code() { return code; }
    public String messageZh() { return messageZh; }
    public String messageEn() { return messageEn; }
    /** Extra members of the problem document, e.g. {@code maxBytes}. */
    public Map<String, Object> details() { return details; }
}
