package cn.shenhe.district;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.cluster.ChangeLog;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The request district's configuration versions: read them, append one (never change or remove). */
@ApplicationScoped
public class ConfigVersions {

    @Inject
    TenantEntityManager em;
    @Inject
    RequestContext request;
    @Inject
    ChangeLog changeLog;
    @Inject
    AuditLog audit;
    @Inject
    StrandingCheck stranding;

    /** A version without its document, for the list. */
    public record Entry(int number, String author, Instant at, String summary, Integer revertedFrom) {
    }

    public List<Entry> list() {
        return em.get().createQuery("SELECT v.number, v.authorUsername, v.createdAt, v.summary, v.revertedFrom FROM ConfigVersion v"
                        + " ORDER BY v.number DESC", Object[].class)
                .getResultList().stream()
                .map(r -> new Entry((Integer) r[0], (String) r[1], (Instant) r[2], (String) r[3], (Integer) r[4]))
                .toList();
    }

    public Optional<ConfigVersion> find(int number) {
        return em.get().createQuery("SELECT v FROM ConfigVersion v WHERE v.number = :n", ConfigVersion.class)
                .setParameter("n", number).getResultStream().findFirst();
    }

    public int latestNumber() {
        Integer max = em.get().createQuery("SELECT MAX(v.number) FROM ConfigVersion v", Integer.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /**
     * Appends the next version, if the one in force is still {@code basedOn}, after checking that
     * it strands no candidate; records it in the audit log in the same transaction.
     */
    @Transactional
    public ConfigVersion append(int basedOn, DistrictConfig before, DistrictConfig after, String document, String summary,
                                Integer revertedFrom, String action, Map<String, ?> auditDetail) {
        int latest = latestNumber();
        if (latest != basedOn) {
            throw ConfigProblems.versionMismatch(basedOn, latest);
        }
        stranding.check(request.district(), before, after);
        var caller = request.caller();
        ConfigVersion v = new ConfigVersion(latest + 1, document, caller.subject(), caller.username(), Instant.now(),
                summary, revertedFrom);
        try {
            em.get().persist(v);
            em.get().flush();
        } catch (PersistenceException e) {
            // The unique (district, version) constraint: another change took this number first.
            throw ConfigProblems.concurrentChange();
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>(auditDetail);
        detail.put("version", v.number());
        detail.put("summary", v.summary());
        audit.record(action, "district-config", request.district(), detail);
        changeLog.configChanged(request.district());   // other nodes install it when they read this row
        return v;
    }

    /** Records that this node re-read the configuration from the database. */
    @Transactional
    public void recordReload(int version) {
        audit.record("district-config.reloaded", "district-config", request.district(), Map.of("version", version));
    }
}
