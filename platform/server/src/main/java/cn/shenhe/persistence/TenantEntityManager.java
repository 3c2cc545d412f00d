package cn.shenhe.persistence;

import cn.shenhe.security.RequestContext;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * The request's EntityManager, bound to the request's district for its whole life. EclipseLink
 * adds {@code district_id = ?} to every query on a tenant entity and fills it on insert, so a
 * query without the tenant cannot be written by accident. There is deliberately no way to switch
 * the district of an open EntityManager (already-loaded entities would leak across).
 */
@RequestScoped
public class TenantEntityManager {

    @PersistenceUnit(unitName = "shenhe")
    EntityManagerFactory emf;
    @Inject
    RequestContext request;
    @Resource
    TransactionSynchronizationRegistry transactions;

    private EntityManager em;

    /** The EntityManager, joined to the current JTA transaction if there is one. */
    public EntityManager get() {
        if (em == null) {
            em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED,
                    Map.of(EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT, request.district()));
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE && !em.isJoinedToTransaction()) {
            em.joinTransaction();
        }
        return em;
    }

    @PreDestroy
    void close() {
        if (em != null && em.isOpen()) {
            em.close();
        }
    }
}
