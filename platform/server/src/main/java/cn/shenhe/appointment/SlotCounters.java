package cn.shenhe.appointment;

import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * Creates a slot's booking counter on its first booking, in a transaction of its own (the
 * booking's is suspended), so that the booking can then lock the row. When two first bookings
 * race, one insert fails and its transaction rolls back; the caller ignores that and locks the
 * row the other created.
 */
@ApplicationScoped
public class SlotCounters {

    @PersistenceUnit(unitName = "shenhe")
    EntityManagerFactory emf;
    @Inject
    RequestContext request;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensure(String slotId) {
        EntityManager em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED,
                Map.of(EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT, request.district()));
        try {
            em.joinTransaction();
            if (em.find(SlotBookings.class, slotId) == null) {
                em.persist(new SlotBookings(slotId));
            }
        } finally {
            em.close();
        }
    }
}
