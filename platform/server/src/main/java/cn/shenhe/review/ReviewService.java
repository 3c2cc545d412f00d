package cn.shenhe.review;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.ImageState;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationService;
import cn.shenhe.registration.RegistrationStatus;
import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.registration.ReviewOutcome;
import cn.shenhe.security.Caller;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a reviewer's decisions to a registration they hold a claim on, at their level:
 * per-picture approve (locks it) or request changes (with a comment), comments, the in-person
 * result of an on-site check, and the registration's outcome. All or nothing, under the
 * registration's row lock.
 */
@ApplicationScoped
public class ReviewService {

    /** The audit action of a decision; its detail holds the level, the pictures' decisions and the outcome. */
    public static final String DECIDED = "review.decided";
    private static final int MAX_COMMENT = 2000;

    @Inject
    ReviewQueue queue;
    @Inject
    RegistrationService registrations;
    @Inject
    TenantEntityManager em;
    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    RequestContext request;
    @Inject
    AuditLog audit;
    @Inject
    CheckIns checkIns;
    @Inject
    Event<ReviewDecided> changed;
    @Inject
    ReviewNotices notices;

    @Transactional
    public Registration review(String registrationId, ReviewRequest req) {
        ReviewLevel level = parse(ReviewLevel.class, req.level(), "level");
        ReviewOutcome outcome = req.outcome() == null ? null : parse(ReviewOutcome.class, req.outcome(), "outcome");
        if (outcome != null) {
            outcome.checkAllowedAt(level);   // a malformed request, refused before anything is looked up
        }
        Caller caller = request.caller();
        queue.mayReviewAt(level);
        Registration r = queue.lockVisible(registrationId);
        Instant now = Instant.now();
        r.checkReviewableBy(caller.subject(), level, now);
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        boolean inPerson = level == ReviewLevel.SITE && plugins.reviewMode(d).inPerson();
        if (inPerson && !req.images().isEmpty()) {
            throw InvalidField.ON_SITE_BY_MATERIAL.refuse("images");
        }
        if (!inPerson && !req.materials().isEmpty()) {
            throw InvalidField.ONLINE_BY_PICTURE.refuse("materials");
        }
        if (inPerson && !checkIns.checkedIn(r)) {
            throw Problem.NOT_CHECKED_IN.refuse();
        }

        RegistrationStatus shownBefore = r.publishedStatus();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", level.name());
        for (ReviewRequest.ImageDecision decision : req.images()) {
            decideImage(r, level, decision, now);
        }
        for (int i = 0; i < req.materials().size(); i++) {
            recordInPerson(r, level, req.materials().get(i), "materials[" + i + "]", now);
        }
        for (int i = 0; i < req.comments().size(); i++) {
            ReviewRequest.NewComment c = req.comments().get(i);
            CommentVisibility visibility = c.visibility() == null ? CommentVisibility.CANDIDATE
                    : parse(CommentVisibility.class, c.visibility(), "comments[" + i + "].visibility");
            if (c.materialType() != null && r.images().stream().noneMatch(m -> m.materialType().equals(c.materialType()))
                    && !knownType(d, r, c.materialType())) {
                throw InvalidField.UNKNOWN_MATERIAL_TYPE.refuse("comments[" + i + "].materialType", c.materialType());
            }
            comment(r, null, c.materialType(), level, visibility, text(c.body(), "comments[" + i + "].body"), now);
        }
        detail.put("images", req.images().stream().map(x -> x.imageId() + ":" + x.decision()).collect(Collectors.joining(",")));
        if (!req.materials().isEmpty()) {
            detail.put("materials", req.materials().stream().map(x -> x.materialType() + ":" + x.result()).collect(Collectors.joining(",")));
        }
        r.reviewed(now);
        if (outcome != null) {
            conclude(r, d, level, outcome, req.reason(), now);
            detail.put("outcome", outcome.name());
        }
        audit.record(DECIDED, "registration", r.id(), detail);
        changed.fire(new ReviewDecided(request.district(), r.id(), level, java.util.Optional.ofNullable(outcome)));
        notices.comments(r, openComments(r).stream()
                .filter(c -> c.visibility() == CommentVisibility.CANDIDATE && c.createdAt().equals(now))
                .map(ReviewComment::body).toList());
        notices.status(r, shownBefore);
        return r;
    }

    private void decideImage(Registration r, ReviewLevel level, ReviewRequest.ImageDecision decision, Instant now) {
        MaterialImage image = r.images().stream().filter(m -> m.id().equals(decision.imageId())).findFirst()
                .orElseThrow(() -> InvalidField.UNKNOWN_PICTURE.refuse("images.imageId", String.valueOf(decision.imageId())));
        ImageState state = switch (parse(Decision.class, decision.decision(), "images.decision")) {
            case APPROVE -> ImageState.APPROVED;
            case REQUEST_CHANGES -> ImageState.CHANGES_REQUESTED;
        };
        r.decideImage(request.caller().subject(), level, image, state, now);
        if (state == ImageState.APPROVED) {
            openComments(r).stream().filter(c -> image.id().equals(c.imageId())).forEach(c -> c.resolve(now));
            if (decision.comment() != null && !decision.comment().isBlank()) {
                comment(r, image.id(), image.materialType(), level, CommentVisibility.INTERNAL, text(decision.comment(), "images.comment"), now);
            }
        } else {
            if (decision.comment() == null || decision.comment().isBlank()) {
                throw ReviewProblems.commentRequired("images.comment");
            }
            comment(r, image.id(), image.materialType(), level, CommentVisibility.CANDIDATE, text(decision.comment(), "images.comment"), now);
        }
    }

    /** On-site: originals seen approves (locks) the type's pictures; a problem asks for changes, with a comment. */
    private void recordInPerson(Registration r, ReviewLevel level, ReviewRequest.MaterialResult result, String at, Instant now) {
        InPersonResult outcome = parse(InPersonResult.class, result.result(), at + ".result");
        if (r.imagesOf(result.materialType()).isEmpty()) {
            throw InvalidField.NO_PICTURES_OF_TYPE.refuse(at + ".materialType", result.materialType());
        }
        boolean seen = outcome == InPersonResult.ORIGINALS_SEEN;
        if (!seen && (result.comment() == null || result.comment().isBlank())) {
            throw ReviewProblems.commentRequired(at + ".comment");
        }
        r.recordInPerson(request.caller().subject(), result.materialType(), seen, now);
        if (seen) {
            openComments(r).stream().filter(c -> result.materialType().equals(c.materialType())).forEach(c -> c.resolve(now));
        } else {
            comment(r, null, result.materialType(), level, CommentVisibility.CANDIDATE, text(result.comment(), at + ".comment"), now);
        }
    }

    /** The registration's outcome, by its rules; what it rests on is gathered here. */
    private void conclude(Registration r, DistrictConfig d, ReviewLevel level, ReviewOutcome outcome, String reason, Instant now) {
        boolean publishNow = d.review().publishOutcomes() == DistrictConfig.Publication.IMMEDIATELY;
        Registration.Grounds grounds = new Registration.Grounds(registrations.completeness(r),
                outcome == ReviewOutcome.RETURN && openComments(r).stream().anyMatch(c -> c.visibility() == CommentVisibility.CANDIDATE),
                outcome == ReviewOutcome.REJECT ? text(reason, "reason") : null);
        r.conclude(outcome, level, request.caller().subject(), grounds, now, publishNow);
        if (outcome == ReviewOutcome.PASS || outcome == ReviewOutcome.APPROVE) {
            openComments(r).stream().filter(c -> c.level() == level).forEach(c -> c.resolve(now));
        }
    }

    private void comment(Registration r, String imageId, String materialType, ReviewLevel level, CommentVisibility visibility,
                         String body, Instant now) {
        Caller caller = request.caller();
        em.get().persist(new ReviewComment(r, imageId, materialType, level, visibility, body, caller.subject(),
                caller.displayName().isBlank() ? caller.username() : caller.displayName(), now));
    }

    private List<ReviewComment> openComments(Registration r) {
        em.get().flush();
        return em.get().createQuery("SELECT c FROM ReviewComment c WHERE c.registration = :r AND c.resolvedAt IS NULL", ReviewComment.class)
                .setParameter("r", r).getResultList();
    }

    private boolean knownType(DistrictConfig d, Registration r, String code) {
        return plugins.requirement(d, r.facts(d.code()), code).isPresent();
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidField.REQUIRED.refuse(field);
        }
        if (value.length() > MAX_COMMENT) {
            throw InvalidField.TOO_LONG.refuse(field, MAX_COMMENT);
        }
        return value.strip();
    }

    private enum Decision { APPROVE, REQUEST_CHANGES }

    private enum InPersonResult { ORIGINALS_SEEN, PROBLEM }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null) {
            throw InvalidField.REQUIRED.refuse(field);
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            Set<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toCollection(java.util.TreeSet::new));
            throw InvalidField.NOT_ONE_OF.refuse(field, String.join(", ", allowed), value);
        }
    }
}
