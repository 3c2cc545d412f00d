package cn.shenhe.audit;

import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Appends to the audit log of the request's district. There is no update or delete. */
@ApplicationScoped
public class AuditLog {

    /** Json.createObjectBuilder() looks the provider up on every call (a class-loading miss each time). */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    TenantEntityManager em;
    @Inject
    ReadLog reads;
    @Inject
    RequestContext request;

    /** Must run inside the transaction of the change it records. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, String targetId, Map<String, ?> detail) {
        append(action, targetType, targetId, detail);
    }

    /**
     * A read of personal data by staff (a picture, a registration, a search, an export): committed before
     * this returns, so before the data is handed out (a read has no transaction of its own to join: the
     * {@link ReadLog} commits the reads of the moment together).
     */
    public void recordRead(String action, String targetType, String targetId, Map<String, ?> detail) {
        whileRecordingRead(action, targetType, targetId, detail, () -> null);
    }

    /**
     * As {@link #recordRead}, with the read itself running while its event is committed: {@code read}'s
     * result is returned only once the event is, and not at all if it cannot be.
     */
    public <T> T whileRecordingRead(String action, String targetType, String targetId, Map<String, ?> detail, Supplier<T> read) {
        ReadLog.Commit commit = reads.append(List.of(new ReadLog.Row(request.district(), event(action, targetType, targetId, detail))));
        T result = read.get();
        commit.await();
        return result;
    }

    /** The newest events about one record, newest first. */
    public List<AuditEvent> recentAbout(String targetType, String targetId, int limit) {
        return em.get().createQuery("SELECT e FROM AuditEvent e WHERE e.targetType = :t AND e.targetId = :id ORDER BY e.at DESC, e.id DESC",
                        AuditEvent.class)
                .setParameter("t", targetType).setParameter("id", targetId).setMaxResults(limit).getResultList();
    }

    /** The reads of a registration's personal data, newest first. */
    public List<AuditEvent> readsOf(String registrationId) {
        return em.get().createQuery("SELECT e FROM AuditEvent e WHERE e.targetType = 'registration' AND e.targetId = :id"
                        + " AND e.action IN :reads ORDER BY e.at DESC, e.id DESC", AuditEvent.class)
                .setParameter("id", registrationId).setParameter("reads", READS_OF_A_REGISTRATION).setMaxResults(500).getResultList();
    }

    public static final String PICTURE_VIEWED = "picture.viewed";
    public static final String REGISTRATION_VIEWED = "registration.viewed";
    /** The declared identity in full (ID number, phone) beside the pictures, in the review workbench. */
    public static final String IDENTITY_VIEWED = "identity.viewed";
    private static final List<String> READS_OF_A_REGISTRATION = List.of(PICTURE_VIEWED, REGISTRATION_VIEWED, IDENTITY_VIEWED);

    /**
     * A read that reaches into several districts' data (a national search): one event in each district's own
     * log, so that each district's admins see it among their reads, all committed together before this returns.
     */
    public void recordReadIn(List<String> districts, String action, Map<String, ?> detail) {
        reads.append(districts.stream().map(d -> new ReadLog.Row(d, event(action, "district", d, detail))).toList()).await();
    }

    private void append(String action, String targetType, String targetId, Map<String, ?> detail) {
        em.get().persist(event(action, targetType, targetId, detail));
    }

    private AuditEvent event(String action, String targetType, String targetId, Map<String, ?> detail) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        detail.forEach((k, v) -> {
            if (v instanceof Number n) {
                json.add(k, n.longValue());
            } else if (v != null) {
                json.add(k, v.toString());
            }
        });
        var caller = request.caller();
        return new AuditEvent(Instant.now(), caller.subject(), caller.username(), caller.actingRole(), action, targetType,
                targetId, json.build().toString());
    }

    /** The events of the given actions about one record, oldest first. */
    public List<AuditEvent> about(String targetType, String targetId, List<String> actions) {
        return em.get().createQuery("SELECT e FROM AuditEvent e WHERE e.targetType = :t AND e.targetId = :id AND e.action IN :actions"
                        + " ORDER BY e.at, e.id", AuditEvent.class)
                .setParameter("t", targetType).setParameter("id", targetId).setParameter("actions", actions).getResultList();
    }

    /** The events about one record, oldest first. */
    public List<AuditEvent> about(String targetType, String targetId) {
        return em.get().createQuery("SELECT e FROM AuditEvent e WHERE e.targetType = :t AND e.targetId = :id ORDER BY e.at, e.id",
                        AuditEvent.class)
                .setParameter("t", targetType).setParameter("id", targetId).getResultList();
    }
}
