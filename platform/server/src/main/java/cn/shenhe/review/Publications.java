package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.audit.AuditLog;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problem;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationStatus;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing review outcomes. The FAQ: 考点通过 / 审核通过 show "once the whole site / district has
 * finished reviewing" — so outcomes wait, unseen by candidates, until an admin publishes a site's
 * (SITE level) or the district's (DISTRICT level) results, which needs its queue to be empty.
 * Districts configured with {@code publishOutcomes: immediately} skip this.
 */
@ApplicationScoped
public class Publications {

    @Inject
    TenantEntityManager em;
    @Inject
    DistrictDirectory districts;
    @Inject
    RequestContext request;
    @Inject
    AuditLog audit;
    @Inject
    Event<ResultsPublished> changed;
    @Inject
    ReviewNotices notices;

    /** One scope that can be published: a site's SITE-level results, or the district's DISTRICT-level ones. */
    public record Scope(String level, String site, long unpublished, long waiting, boolean ready) {
    }

    public record Published(String level, String site, int published) {
    }

    public List<Scope> scopes() {
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        List<Scope> scopes = new ArrayList<>();
        for (DistrictConfig.Site site : d.sites()) {
            scopes.add(scope(ReviewLevel.SITE, Optional.of(site.code())));
        }
        scopes.add(scope(ReviewLevel.DISTRICT, Optional.empty()));
        return scopes;
    }

    @Transactional
    public Published publish(ReviewLevel level, Optional<String> site) {
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        if (level == ReviewLevel.SITE && (site.isEmpty() || d.site(site.get()).isEmpty())) {
            throw InvalidField.PUBLISH_SITE_REQUIRED.refuse("site");
        }
        Optional<String> scopeSite = level == ReviewLevel.SITE ? site : Optional.empty();
        long waiting = waiting(level, scopeSite);
        if (waiting > 0) {
            throw Problem.REVIEWS_UNFINISHED.refuse(Map.of("waiting", waiting), waiting);
        }
        List<Registration> due = unpublished(level, scopeSite);
        for (Registration r : due) {
            RegistrationStatus shownBefore = r.publishedStatus();
            if (level == ReviewLevel.SITE) {
                r.publishSitePass();
            } else {
                r.publish();
            }
            changed.fire(new ResultsPublished(request.district(), r.id(), r.publishedStatus()));
            notices.status(r, shownBefore);
        }
        audit.record("results.published", "district", request.district(),
                Map.of("level", level.name(), "site", scopeSite.orElse("*"), "count", due.size()));
        return new Published(level.name(), scopeSite.orElse(null), due.size());
    }

    private Scope scope(ReviewLevel level, Optional<String> site) {
        long unpublished = unpublished(level, site).size();
        long waiting = waiting(level, site);
        return new Scope(level.name(), site.orElse(null), unpublished, waiting, waiting == 0 && unpublished > 0);
    }

    /**
     * SITE level: registrations the site has passed whose candidate still sees 填报. DISTRICT level:
     * final outcomes the candidate does not see yet.
     */
    private List<Registration> unpublished(ReviewLevel level, Optional<String> site) {
        var q = em.get().createQuery("SELECT r FROM Registration r WHERE r.status <> r.publishedStatus AND r.status IN :statuses"
                        + (level == ReviewLevel.SITE ? " AND r.publishedStatus = :filling" : "")
                        + (site.isPresent() ? " AND r.siteCode = :site" : ""), Registration.class)
                .setParameter("statuses", level == ReviewLevel.SITE
                        ? List.of(RegistrationStatus.SITE_PASSED, RegistrationStatus.APPROVED, RegistrationStatus.REJECTED)
                        : List.of(RegistrationStatus.APPROVED, RegistrationStatus.REJECTED));
        if (level == ReviewLevel.SITE) {
            q.setParameter("filling", RegistrationStatus.FILLING);
        }
        site.ifPresent(s -> q.setParameter("site", s));
        return q.getResultList();
    }

    private long waiting(ReviewLevel level, Optional<String> site) {
        var q = em.get().createQuery("SELECT COUNT(r) FROM Registration r WHERE r.queueLevel = :level"
                + (site.isPresent() ? " AND r.siteCode = :site" : ""), Long.class).setParameter("level", level);
        site.ifPresent(s -> q.setParameter("site", s));
        return q.getSingleResult();
    }
}
