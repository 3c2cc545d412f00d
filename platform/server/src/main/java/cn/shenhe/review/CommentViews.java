package cn.shenhe.review;

import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.registration.CommentLookup;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationView.CommentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The review comments on a registration's page. */
@ApplicationScoped
public class CommentViews implements CommentLookup {

    @Inject
    TenantEntityManager em;

    @Override
    public List<CommentView> visible(Registration r, boolean staffView) {
        return em.get().createQuery("SELECT c FROM ReviewComment c WHERE c.registration = :r", ReviewComment.class)
                .setParameter("r", r).getResultList().stream()
                .filter(c -> staffView || c.visibility() == CommentVisibility.CANDIDATE)
                // candidates see who commented by level (考点 / 考区审核员), never by name
                .map(c -> new CommentView(c.id(), c.level().name(), c.visibility().name(), c.materialType(), c.imageId(), c.body(),
                        staffView ? c.authorName() : null, c.createdAt(), c.open()))
                .toList();
    }
}
