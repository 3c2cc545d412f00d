package cn.shenhe.notification;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * In-app notifications, always of one named district (the notice's, or the signed-in
 * candidate's): not the request's EntityManager, because notices are delivered after the
 * request's transaction has committed, and {@code /me} URLs carry no district.
 */
@ApplicationScoped
public class NotificationStore {

    @PersistenceUnit(unitName = "shenhe")
    EntityManagerFactory emf;

    /** Stores one notification, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deliver(Notification n) {
        inDistrict(n.district(), em -> {
            em.persist(new InAppNotification(n));
            return null;
        });
    }

    public record Page(List<InAppNotification> items, long unread) {
    }

    /** The recipient's notifications, newest first, and how many are unread. */
    @Transactional
    public Page of(String district, String recipient, int limit) {
        return inDistrict(district, em -> new Page(
                em.createQuery("SELECT n FROM InAppNotification n WHERE n.recipientSubject = :r ORDER BY n.createdAt DESC, n.id DESC",
                                InAppNotification.class)
                        .setParameter("r", recipient).setMaxResults(limit).getResultList(),
                em.createQuery("SELECT COUNT(n) FROM InAppNotification n WHERE n.recipientSubject = :r AND n.readAt IS NULL", Long.class)
                        .setParameter("r", recipient).getSingleResult()));
    }

    /** Marks the recipient's notification read; empty if there is none with that id for them. */
    @Transactional
    public Optional<InAppNotification> markRead(String district, String recipient, String id) {
        if (!Ids.plausible(id)) {
            return Optional.empty();
        }
        return inDistrict(district, em -> {
            InAppNotification n = em.find(InAppNotification.class, id);
            if (n == null || !n.recipientSubject().equals(recipient)) {
                return Optional.empty();
            }
            n.markRead(Instant.now());
            return Optional.of(n);
        });
    }

    private <T> T inDistrict(String district, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED,
                Map.of(EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT, district));
        try {
            em.joinTransaction();
            T result = work.apply(em);
            em.flush();
            return result;
        } finally {
            em.close();
        }
    }
}
