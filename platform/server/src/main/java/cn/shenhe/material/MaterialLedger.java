package cn.shenhe.material;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.quality.CheckFinding;
import cn.shenhe.material.reuse.ReuseBands;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.MaterialsChanged;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationRepository;
import cn.shenhe.registration.RegistrationService;
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
    RegistrationRepository repository;
    @Inject
    RegistrationService registrations;
    @Inject
    MaterialImageRepository images;
    @Inject
    BlobStore blobs;
    @Inject
    AuditLog audit;
    @Inject
    Event<MaterialsChanged> changed;
    @Inject
    RequestContext request;
    @Inject
    TenantEntityManager em;
    @Resource
    TransactionSynchronizationRegistry transactions;

    @Transactional
    public MaterialImage store(String registrationId, MaterialType type, ProcessedImage picture, List<CheckFinding> findings) {
        Registration r = lockOwn(registrationId);
        r.checkRoomFor(type, images.count(r, type.code()));   // again, now that the row is locked
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
                picture.originalBytes(), picture.originalSha256Hex(), picture.perceptualHash(), ReuseBands.of(picture.perceptualHash())),
                CheckFinding.columns(findings), request.caller().subject(), now);
        if (r.lastReviewedAt() != null) {
            image.markChangedSinceReview();
        }
        images.add(image);
        Registration.QueueMove queue = r.addImage(image, registrations.completeness(r), now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("image", id);
        detail.put("materialType", type.code());
        detail.put("originalBytes", picture.originalBytes());
        detail.put("originalSha256", picture.originalSha256Hex());
        audit.record("material-image.uploaded", "registration", r.id(), detail);
        recordQueueMove(r, queue);
        changed.fire(new MaterialsChanged(request.district(), r.id(), MaterialsChanged.Change.UPLOADED, id, type.code()));
        return image;
    }

    @Transactional
    public void delete(String registrationId, String imageId) {
        Registration r = lockOwn(registrationId);
        MaterialImage image = images.find(r, imageId).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        Registration.QueueMove queue = r.removeImage(image, registrations.completeness(r), Instant.now());
        String key = image.blobKey();
        images.remove(image);
        // Its reuse pairs go with it, on both sides (the other side may be another district's row). Two statements, each
        // on its own index: H2 answers "image_id = ? OR other_image_id = ?" by reading the whole table, which made a
        // deletion cost seconds once the table held a few hundred thousand pairs.
        for (String column : new String[] {"image_id", "other_image_id"}) {
            em.get().createNativeQuery("DELETE FROM image_reuse WHERE " + column + " = ?1").setParameter(1, image.id()).executeUpdate();
        }
        audit.record(IMAGE_DELETED, "registration", r.id(),
                Map.of("image", image.id(), "materialType", image.materialType(), "originalSha256", image.originalSha256()));
        recordQueueMove(r, queue);
        changed.fire(new MaterialsChanged(request.district(), r.id(), MaterialsChanged.Change.DELETED, image.id(), image.materialType()));
        afterCompletion(committed -> {
            if (committed) {
                deleteQuietly(key);
            }
        });
    }

    /** A complete registration entered its site's review queue, or an incomplete one left it. */
    private void recordQueueMove(Registration r, Registration.QueueMove move) {
        switch (move) {
            case QUEUED -> audit.record("review.queued", "registration", r.id(), Map.of("level", r.queueLevel().orElseThrow().name()));
            case DEQUEUED -> audit.record("review.dequeued", "registration", r.id(), Map.of("reason", "materials-incomplete"));
            case NONE -> { }
        }
    }

    /** The caller's own registration, locked, and still open to changes. */
    private Registration lockOwn(String registrationId) {
        Registration r = repository.findForUpdate(registrationId)
                .filter(x -> x.isOwnedBy(request.caller().subject()))
                .orElseThrow(() -> Problems.notFound("该报名", "Registration"));
        r.checkOpenToChanges();
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
