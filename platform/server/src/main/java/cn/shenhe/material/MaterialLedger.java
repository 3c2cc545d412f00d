package cn.shenhe.material;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.quality.CheckFinding;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationChanged;
import cn.shenhe.registration.RegistrationRepository;
import cn.shenhe.security.RequestContext;
import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.StorageProblems;
import cn.shenhe.storage.StorageUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transactional half of uploads and deletes. Each runs with the registration's row locked,
 * so concurrent uploads into one type cannot pass its count limit, and writes the blob, the row
 * and the audit entry together: a blob whose transaction rolls back is removed, a deleted
 * picture's blob is removed only once the delete has committed.
 */
@ApplicationScoped
public class MaterialLedger {

    private static final Logger LOG = Logger.getLogger(MaterialLedger.class.getName());
    /** The audit action of a deleted picture; its detail names the picture and its material type (the picture is gone). */
    public static final String IMAGE_DELETED = "material-image.deleted";

    @Inject
    RegistrationRepository registrations;
    @Inject
    MaterialImageRepository images;
    @Inject
    BlobStore blobs;
    @Inject
    AuditLog audit;
    @Inject
    Event<RegistrationChanged> changed;
    @Inject
    RequestContext request;
    @Inject
    TenantEntityManager em;
    @Resource
    TransactionSynchronizationRegistry transactions;

    @Transactional
    public MaterialImage store(String registrationId, MaterialType type, ProcessedImage picture, List<CheckFinding> findings) {
        Registration r = lockOwn(registrationId);
        long count = images.count(r, type.code());
        if (count >= type.maxImages()) {
            throw MaterialProblems.countLimitReached(type);
        }
        String id = MaterialImage.newId();
        String key = request.district() + "/" + r.id() + "/" + id.toLowerCase() + ".jpg";
        afterCompletion(committed -> {
            if (!committed) {
                deleteQuietly(key);
            }
        });
        try {
            blobs.put(key, picture.bytes());
        } catch (StorageUnavailableException e) {
            LOG.log(Level.WARNING, "Upload refused: " + e.getMessage());
            throw StorageProblems.unavailable();   // no row: the transaction rolls back
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store picture " + key, e);
        }
        Instant now = Instant.now();
        MaterialImage image = new MaterialImage(id, r, type.code(), new MaterialImage.StoredPicture(key, "image/jpeg",
                picture.bytes().length, picture.width(), picture.height(), picture.originalFormat(),
                picture.originalBytes(), picture.originalSha256Hex(), picture.perceptualHash()), findings, request.caller().subject(), now);
        if (r.lastReviewedAt() != null) {
            image.markChangedSinceReview();
        }
        images.add(image);
        r.attach(image);
        r.touch(now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("image", id);
        detail.put("materialType", type.code());
        detail.put("originalBytes", picture.originalBytes());
        detail.put("originalSha256", picture.originalSha256Hex());
        audit.record("material-image.uploaded", "registration", r.id(), detail);
        changed.fire(new RegistrationChanged(request.district(), r.id(), "material-image.uploaded"));
        return image;
    }

    @Transactional
    public void delete(String registrationId, String imageId) {
        Registration r = lockOwn(registrationId);
        MaterialImage image = images.find(r, imageId).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        if (image.locked()) {
            throw new ProblemException(409, "image-locked", "该图片已审核通过并锁定,不能删除或更换",
                    "This picture has been approved and is locked: it cannot be deleted or replaced");
        }
        String key = image.blobKey();
        images.remove(image);
        // its reuse pairs go with it, on both sides (the other side may be another district's row)
        em.get().createNativeQuery("DELETE FROM image_reuse WHERE image_id = ?1 OR other_image_id = ?2")
                .setParameter(1, image.id()).setParameter(2, image.id()).executeUpdate();
        r.detach(image);
        r.touch(Instant.now());
        audit.record(IMAGE_DELETED, "registration", r.id(),
                Map.of("image", image.id(), "materialType", image.materialType(), "originalSha256", image.originalSha256()));
        changed.fire(new RegistrationChanged(request.district(), r.id(), IMAGE_DELETED));
        afterCompletion(committed -> {
            if (committed) {
                deleteQuietly(key);
            }
        });
    }

    /** The caller's own registration, locked, and still open to changes. */
    private Registration lockOwn(String registrationId) {
        Registration r = registrations.findForUpdate(registrationId)
                .filter(x -> x.isOwnedBy(request.caller().subject()))
                .orElseThrow(() -> Problems.notFound("该报名", "Registration"));
        if (!r.acceptsChanges()) {
            throw MaterialProblems.registrationLocked(r);
        }
        return r;
    }

    private void afterCompletion(java.util.function.Consumer<Boolean> action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            // The orphan sweep will remove it.
            LOG.log(Level.WARNING, "Could not delete blob " + key, e);
        }
    }
}
