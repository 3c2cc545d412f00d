package cn.shenhe.material;

import cn.shenhe.persistence.Ids;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.Registration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Pictures of the request's district. */
@ApplicationScoped
public class MaterialImageRepository {

    @Inject
    TenantEntityManager em;

    /** The picture, if it belongs to that registration. */
    public Optional<MaterialImage> find(Registration registration, String imageId) {
        if (!Ids.plausible(imageId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.get().find(MaterialImage.class, imageId))
                .filter(m -> m.registration().equals(registration));
    }

    public long count(Registration registration, String materialType) {
        return em.get().createQuery("SELECT COUNT(m) FROM MaterialImage m WHERE m.registration = :r AND m.materialType = :t", Long.class)
                .setParameter("r", registration).setParameter("t", materialType).getSingleResult();
    }

    public void add(MaterialImage image) {
        em.get().persist(image);
    }

    public void remove(MaterialImage image) {
        em.get().remove(image);
    }
}
