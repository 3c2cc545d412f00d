package cn.shenhe.review;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.MaterialsChanged;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationAccess;
import cn.shenhe.registration.RegistrationRepository;
import cn.shenhe.registration.RegistrationViews;
import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.security.Caller;
import cn.shenhe.security.RequestContext;
import cn.shenhe.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review queues (依序审核): a registration waits at its site's SITE level once every required
 * material has its images, in the order it became complete; after 考点通过 it waits at the
 * DISTRICT level. A reviewer claims one at a time, for a lease the district configures; a claimed
 * registration is offered to nobody else until the lease ends. Claims lock the registration's row,
 * the same lock uploads and decisions take, so two reviewers cannot both win one.
 */
@ApplicationScoped
public class ReviewQueue {

    /** How far down the queue claim-next looks past registrations others claimed in the meantime. */
    private static final int CLAIM_CANDIDATES = 20;

    @Inject
    TenantEntityManager em;
    @Inject
    RegistrationRepository registrations;
    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    RequestContext request;
    @Inject
    AuditLog audit;
    @Inject
    Event<ClaimChanged> changed;

    public record QueueItem(String registrationId, String candidateName, String site, String category,
                            Instant queuedAt, String claimedBy, Instant claimExpiresAt, boolean claimedByMe,
                            boolean changedSinceReview, boolean qualityWarnings, String url) {
    }

    /** @param waiting registrations in the queue; {@code available}: of them, claimable now */
    public record QueueView(String level, String site, long waiting, long available, long claimedByMe,
                            List<QueueItem> items) {
    }

    public record Claim(String registrationId, String level, String claimedBy, Instant expiresAt, String url) {
    }

    /**
     * A deleted picture's open comments are resolved with it, inside the delete's transaction (the
     * registration's row is locked). Only a delete can leave a comment on a picture that is gone.
     */
    void onPictureDeleted(@Observes MaterialsChanged change) {
        if (change.change() == MaterialsChanged.Change.DELETED) {
            resolveCommentsOfDeletedImages(registrations.find(change.registrationId()).orElseThrow(), Instant.now());
        }
    }

    private void resolveCommentsOfDeletedImages(Registration r, Instant now) {
        Set<String> present = new HashSet<>();
        r.images().forEach(m -> present.add(m.id()));
        em.get().createQuery("SELECT c FROM ReviewComment c WHERE c.registration = :r AND c.resolvedAt IS NULL AND c.imageId IS NOT NULL",
                        ReviewComment.class).setParameter("r", r).getResultList().stream()
                .filter(c -> !present.contains(c.imageId()))
                .forEach(c -> c.resolve(now));
    }

    /**
     * The queue at a level, as the caller may see it: site reviewers their site's, others the district's;
     * with {@code onlyQualityWarnings}, only the registrations with a picture the upload checks warned of
     * ({@code waiting} still counts the whole queue).
     */
    public QueueView view(ReviewLevel level, Optional<String> siteFilter, boolean onlyQualityWarnings) {
        Caller caller = request.caller();
        Optional<String> site = caller.siteLimit().or(() -> siteFilter);
        Instant now = Instant.now();
        List<Registration> waiting = queued(level, site, onlyQualityWarnings, 200);
        Set<String> changedIds = withPictures(waiting, "m.changedSinceReview = TRUE");
        Set<String> warnedIds = withPictures(waiting, "m.checkWarnings IS NOT NULL");   // any upload check's warning
        List<QueueItem> items = waiting.stream().map(r -> new QueueItem(r.id(), r.candidateName(), r.siteCode(),
                r.examCategory().code(), r.queuedAt(), r.claimLive(now) ? r.claimedByName() : null,
                r.claimLive(now) ? r.claimExpiresAt() : null, r.claimedBy(caller.subject(), now), changedIds.contains(r.id()),
                warnedIds.contains(r.id()), RegistrationViews.url(request.district(), r.id()))).toList();
        long available = waiting.stream().filter(r -> r.claimableBy(caller.subject(), now)).count();
        long mine = items.stream().filter(QueueItem::claimedByMe).count();
        return new QueueView(level.name(), site.orElse(null), count(level, site), available, mine, items);
    }

    /** Claims the first registration of the queue that nobody holds; empty when there is none. */
    @Transactional
    public Optional<Claim> claimNext(ReviewLevel level) {
        mayClaimAt(level);
        Caller caller = request.caller();
        Instant now = Instant.now();
        for (Registration candidate : queued(level, caller.siteLimit(), false, CLAIM_CANDIDATES)) {
            if (!candidate.claimableBy(caller.subject(), now)) {
                continue;
            }
            // Lock and look again: another reviewer may have claimed it since the read above.
            Registration r = registrations.findForUpdate(candidate.id()).orElseThrow();
            em.get().refresh(r);
            if (r.queueLevel().equals(Optional.of(level)) && r.claimableBy(caller.subject(), now)) {
                return Optional.of(claim(r, level, now));
            }
        }
        return Optional.empty();
    }

    /** Claims (or renews the claim on) one registration the caller picked from the queue. */
    @Transactional
    public Claim claim(String registrationId) {
        Registration r = lockVisible(registrationId);
        ReviewLevel level = r.queueLevel().orElseThrow(() -> Registration.notInQueue(levelOf(request.caller())));
        mayClaimAt(level);
        return claim(r, level, Instant.now());
    }

    /** Gives the claim back to the queue; only its holder can. */
    @Transactional
    public void release(String registrationId) {
        Registration r = lockVisible(registrationId);
        r.releaseBy(request.caller().subject(), Instant.now());
        audit.record("review.released", "registration", r.id(), Map.of());
        changed.fire(new ClaimChanged(request.district(), r.id(), false));
    }

    /** The registration, locked, if the caller (a reviewer) may see it. */
    public Registration lockVisible(String registrationId) {
        return registrations.findForUpdate(registrationId)
                .filter(r -> RegistrationAccess.canSee(request.caller(), r))
                .orElseThrow(() -> Problems.notFound("该报名", "Registration"));
    }

    public Claim claim(Registration r, ReviewLevel level, Instant now) {
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        Instant expires = now.plus(Duration.ofMinutes(d.review().claimMinutes()));
        boolean renewal = r.claimedBy(request.caller().subject(), now);
        r.claim(level, request.caller().subject(), request.caller().displayName().isBlank() ? request.caller().username()
                : request.caller().displayName(), expires, now);
        audit.record(renewal ? "review.claim-renewed" : "review.claimed", "registration", r.id(),
                Map.of("level", level.name(), "expiresAt", expires));
        changed.fire(new ClaimChanged(request.district(), r.id(), true));
        return new Claim(r.id(), level.name(), r.claimedByName(), expires, RegistrationViews.url(request.district(), r.id()));
    }

    /** Site reviewers review at the SITE level, district reviewers at the DISTRICT level. */
    public void mayReviewAt(ReviewLevel level) {
        if (!request.caller().has(level == ReviewLevel.SITE ? Role.SITE_REVIEWER : Role.DISTRICT_REVIEWER)) {
            throw ReviewProblems.notYourLevel(level);
        }
    }

    /** As {@link #mayReviewAt}; and in on-site districts the SITE level claims by checking the candidate in. */
    void mayClaimAt(ReviewLevel level) {
        mayReviewAt(level);
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        if (level == ReviewLevel.SITE && plugins.reviewMode(d).inPerson()) {
            throw Problem.IN_PERSON_REVIEW.refuse();
        }
    }

    static ReviewLevel levelOf(Caller caller) {
        return caller.has(Role.DISTRICT_REVIEWER) ? ReviewLevel.DISTRICT : ReviewLevel.SITE;
    }

    private List<Registration> queued(ReviewLevel level, Optional<String> site, boolean onlyQualityWarnings, int limit) {
        var q = em.get().createQuery("SELECT r FROM Registration r WHERE r.queueLevel = :level"
                        + (site.isPresent() ? " AND r.siteCode = :site" : "")
                        + (onlyQualityWarnings ? " AND EXISTS (SELECT m FROM MaterialImage m WHERE m.registration = r AND m.checkWarnings IS NOT NULL)" : "")
                        + " ORDER BY r.queuedAt, r.id", Registration.class)
                .setParameter("level", level);
        site.ifPresent(s -> q.setParameter("site", s));
        return q.setMaxResults(limit).getResultList();
    }

    private long count(ReviewLevel level, Optional<String> site) {
        var q = em.get().createQuery("SELECT COUNT(r) FROM Registration r WHERE r.queueLevel = :level"
                        + (site.isPresent() ? " AND r.siteCode = :site" : ""), Long.class)
                .setParameter("level", level);
        site.ifPresent(s -> q.setParameter("site", s));
        return q.getSingleResult();
    }

    /** Of these registrations, the ids of those with a picture {@code m} meeting the JPQL {@code condition}. */
    private Set<String> withPictures(List<Registration> rs, String condition) {
        if (rs.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.get().createQuery("SELECT DISTINCT m.registration.id FROM MaterialImage m "
                        + "WHERE " + condition + " AND m.registration IN :rs", String.class)
                .setParameter("rs", rs).getResultList());
    }
}
