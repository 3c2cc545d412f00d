package cn.shenhe.notification;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.LocalizedText;
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
import java.util.Set;
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

    /**
     * The recipient of reports meant for every administrator of a district (that e-mail or SMS
     * notices could not be sent): not a person's subject; whoever of them reads one reads it for all.
     */
    public static final String DISTRICT_ADMINS = "role:district-admin";

    /**
     * Tells the district's admins, unless an unread report with the same title is waiting for them
     * already: a gateway down for an hour makes one report, not one per notice.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reportToAdmins(String district, LocalizedText title, LocalizedText body, Instant at) {
        inDistrict(district, em -> {
            long waiting = em.createQuery("SELECT COUNT(n) FROM InAppNotification n WHERE n.recipientSubject = :r"
                            + " AND n.kind = :k AND n.readAt IS NULL AND n.text.titleZh = :t", Long.class)
                    .setParameter("r", DISTRICT_ADMINS).setParameter("k", InAppNotification.NOTICE_FAILED)
                    .setParameter("t", title.zh()).getSingleResult();
            if (waiting == 0) {
                em.persist(new InAppNotification(DISTRICT_ADMINS, null, InAppNotification.NOTICE_FAILED, title, body,
                        null, at));   // the list is GET /districts/{d}/notices?status=FAILED (no page of the UI yet)
            }
            return null;
        });
    }

    public record Page(List<InAppNotification> items, long unread) {
    }

    /** The notifications of any of the recipients (a person, and the groups they read for), newest first, and how many are unread. */
    @Transactional
    public Page of(String district, Set<String> recipients, int limit) {
        return inDistrict(district, em -> new Page(
                em.createQuery("SELECT n FROM InAppNotification n WHERE n.recipientSubject IN :r ORDER BY n.createdAt DESC, n.id DESC",
                                InAppNotification.class)
                        .setParameter("r", recipients).setMaxResults(limit).getResultList(),
                em.createQuery("SELECT COUNT(n) FROM InAppNotification n WHERE n.recipientSubject IN :r AND n.readAt IS NULL", Long.class)
                        .setParameter("r", recipients).getSingleResult()));
    }

    /** Marks a notification of one of the recipients read; empty if there is none with that id for them. */
    @Transactional
    public Optional<InAppNotification> markRead(String district, Set<String> recipients, String id) {
        if (!Ids.plausible(id)) {
            return Optional.empty();
        }
        return inDistrict(district, em -> {
            InAppNotification n = em.find(InAppNotification.class, id);
            if (n == null || !recipients.contains(n.recipientSubject())) {
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
