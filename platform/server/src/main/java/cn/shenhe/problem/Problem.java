package cn.shenhe.problem;

import java.util.Map;

/**
 * Every refusal the server gives, with its stable {@code code} (API: the UI and districts' clients
 * branch on it) and HTTP status. The words are in {@code problems_zh_CN.properties} and
 * {@code problems_en.properties} under the constant's {@link #key()}, as {@link java.text.MessageFormat}
 * patterns whose arguments {@link #refuse} takes; docs/api.md lists the codes.
 *
 * <p>One wording per code; a code has a second key only where the situation must read differently
 * (said at the constant).
 */
public enum Problem {

    // --- requests as HTTP sees them
    BAD_REQUEST(400, "bad-request"),
    INVALID_JSON(400, "invalid-json"),
    UNAUTHENTICATED(401, "unauthenticated"),
    FORBIDDEN(403, "forbidden"),
    READ_ONLY(403, "read-only"),
    /** {0}: what was asked for (a {@code LocalizedText}). Not there and not the caller's are never told apart. */
    NOT_FOUND(404, "not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    LENGTH_REQUIRED(411, "length-required"),
    /** The runtime's own body limit: no picture size to name, unlike {@link #FILE_TOO_LARGE}. */
    REQUEST_TOO_LARGE(413, "file-too-large", "file-too-large.request"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    /** Any other status the runtime refuses with; the code names it ({@code http-409}). */
    HTTP_REFUSED(400, "http-<status>", "http-status"),
    /** {0}: the field, {1}: what is wrong with it (a {@code LocalizedText}). */
    INVALID_FIELD(422, "invalid-field"),
    /** {0}: each bad field and its message. */
    VALIDATION_FAILED(422, "validation-failed"),
    /** {0}: the incident id, also in the log. */
    INTERNAL_ERROR(500, "internal-error"),
    /** A status of 500 or more the runtime answered with, without an exception of ours to log. */
    SERVER_REFUSED(500, "internal-error", "internal-error.runtime"),
    NO_TENANT(500, "no-tenant"),
    DATABASE_UNAVAILABLE(503, "database-unavailable"),
    STORAGE_UNAVAILABLE(503, "storage-unavailable"),
    /** A read of personal data could not be recorded in the audit log, so nothing was handed out. */
    AUDIT_UNAVAILABLE(503, "audit-unavailable"),
    DISTRICT_KEYS_REVOKED(410, "district-keys-revoked"),

    // --- registering
    /** {0}: the district's name, {1}: the exam year it takes. */
    EXAM_YEAR_NOT_OPEN(422, "exam-year-not-open"),
    ALREADY_REGISTERED(409, "already-registered"),

    // --- uploads
    /** A registration past filling in whose outcome the candidate already sees. */
    REGISTRATION_LOCKED(409, "registration-locked"),
    /** The same refusal while the outcome is unpublished: it must not tell the candidate the site has decided. */
    REGISTRATION_UNDER_REVIEW(409, "registration-locked", "registration-locked.under-review"),
    /** {0}, {1}: when the window opens and closes (Beijing time). */
    UPLOAD_WINDOW_CLOSED(409, "upload-window-closed"),
    /** {0}: the code asked for. */
    MATERIAL_TYPE_NOT_FOUND(404, "material-type-not-found"),
    /** {0}: the type's name, {1}: its most pictures. */
    COUNT_LIMIT_REACHED(409, "count-limit-reached"),
    IMAGE_LOCKED(409, "image-locked"),
    FILE_MISSING(400, "file-missing"),
    EMPTY_FILE(400, "empty-file"),
    /** {0}: the largest size, e.g. 200 KB. */
    FILE_TOO_LARGE(413, "file-too-large"),
    /** {0}: the accepted formats (a {@code LocalizedText}). */
    FORMAT_NOT_ACCEPTED(415, "format-not-accepted"),
    IMAGE_DIMENSIONS_TOO_LARGE(422, "image-dimensions-too-large"),
    IMAGE_UNREADABLE(422, "image-unreadable"),
    IMAGE_PROCESSING_TIMEOUT(503, "image-processing-timeout"),
    /** An upload check refused the picture: the code is the check's (e.g. {@code image-blurred}), {0} its words. */
    UPLOAD_CHECK_REFUSED(422, "<check>", "upload-check-refused"),
    /** {0}: seconds until the next upload is taken. */
    TOO_MANY_UPLOADS(429, "too-many-uploads"),
    UPLOAD_IN_PROGRESS(429, "upload-in-progress"),

    // --- review
    /** {0}: the level's name (a {@code LocalizedText}), {1}: the level. */
    WRONG_REVIEW_LEVEL(403, "wrong-review-level"),
    REVIEW_OUT_OF_ORDER(409, "review-out-of-order"),
    /** {0}: the level. */
    NOT_IN_QUEUE(409, "not-in-queue"),
    NOT_CLAIMED(409, "not-claimed"),
    /** {0}: who holds the claim. */
    ALREADY_CLAIMED(409, "already-claimed"),
    COMMENT_REQUIRED(422, "comment-required"),
    IMAGES_NOT_APPROVED(409, "images-not-approved"),
    IN_PERSON_REVIEW(409, "in-person-review"),
    NOT_IN_PERSON_REVIEW(409, "not-in-person-review"),
    NOT_CHECKED_IN(409, "not-checked-in"),
    /** {0}: registrations still waiting. */
    REVIEWS_UNFINISHED(409, "reviews-unfinished"),

    // --- on-site appointments
    MATERIALS_INCOMPLETE(409, "materials-incomplete"),
    ALREADY_CHECKED_IN(409, "already-checked-in"),
    SLOT_FULL(409, "slot-full"),
    /** {0}: hours before the slot that booking closes. */
    BOOKING_CLOSED(409, "booking-closed"),
    NO_APPOINTMENT(409, "no-appointment"),

    // --- district configuration
    /** {0}: the field, {1}: what is wrong (a {@code LocalizedText}). */
    CONFIG_INVALID(422, "config-invalid"),
    /** {0}: the version edited, {1}: the current one. */
    CONFIG_VERSION_MISMATCH(412, "config-version-mismatch"),
    /** {0}: the header's value. */
    BAD_IF_MATCH(400, "bad-if-match"),
    /** {0}: the first reason (a {@code LocalizedText}), {1}: how many more. */
    CONFIG_STRANDS_CANDIDATES(409, "config-strands-candidates"),
    CONFIG_CHANGED_CONCURRENTLY(409, "config-changed-concurrently"),
    CONFIG_TOO_LARGE(413, "config-too-large");

    /** A detail (whole seconds) that also becomes the {@code Retry-After} header. */
    public static final String RETRY_AFTER = "retryAfterSeconds";

    private final int status;
    private final String code;
    private final String key;

    Problem(int status, String code) {
        this(status, code, code);
    }

    Problem(int status, String code, String key) {
        this.status = status;
        this.code = code;
        this.key = key;
    }

    public int status() { return status; }
    public String code() { return code; }
    /** Where its words are in the bundles. */
    public String key() { return key; }

    /** The refusal, to throw; {@code args} fill the message's placeholders. */
    public ProblemException refuse(Object... args) {
        return new ProblemException(this, Map.of(), args);
    }

    /** As {@link #refuse(Object...)}, with extra members of the problem document (e.g. {@code maxImages}). */
    public ProblemException refuse(Map<String, Object> details, Object... args) {
        return new ProblemException(this, details, args);
    }
}
