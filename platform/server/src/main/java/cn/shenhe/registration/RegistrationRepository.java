package cn.shenhe.registration;

import cn.shenhe.persistence.Ids;
import cn.shenhe.persistence.TenantEntityManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Registrations of the request's district (the EntityManager adds the district to every query). */
@ApplicationScoped
public class RegistrationRepository {

    @Inject
    TenantEntityManager em;

    public Optional<Registration> find(String id) {
        if (!Ids.plausible(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.get().find(Registration.class, id));
    }

    /** Locks the registration's row until the transaction ends: serializes changes to its pictures. */
    public Optional<Registration> findForUpdate(String id) {
        if (!Ids.plausible(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.get().find(Registration.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Registration> findByCandidate(String subject, int examYear) {
        return em.get().createQuery("SELECT r FROM Registration r WHERE r.candidateSubject = :s AND r.examYear = :y", Registration.class)
                .setParameter("s", subject).setParameter("y", examYear)
                .getResultStream().findFirst();
    }

    public List<Registration> ofCandidate(String subject) {
        return em.get().createQuery("SELECT r FROM Registration r WHERE r.candidateSubject = :s ORDER BY r.createdAt DESC", Registration.class)
                .setParameter("s", subject).getResultList();
    }

    /** Registrations in order of creation, optionally of one site; at most {@code limit}. */
    public List<Registration> list(Optional<String> site, int offset, int limit) {
        var q = site.isPresent()
                ? em.get().createQuery("SELECT r FROM Registration r WHERE r.siteCode = :site ORDER BY r.createdAt, r.id", Registration.class)
                        .setParameter("site", site.get())
                : em.get().createQuery("SELECT r FROM Registration r ORDER BY r.createdAt, r.id", Registration.class);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public void add(Registration r) {
        em.get().persist(r);
    }
}
