package cn.shenhe.district;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.persistence.TenantEntityManager;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import cn.shenhe.security.RequestContext;
import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.StorageProblems;
import cn.shenhe.storage.StorageUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A district's own sample images (示例图片), one per material type, kept in the blob store: the
 * public sample URL serves it instead of the plugin's. JPEG or PNG (by magic bytes), at most
 * 200 KB and 4000 × 4000 pixels (read from the header before anything is decoded).
 *
 * <p>Stored as the image pipeline makes candidates' pictures, never as received ({@link SamplePictures}):
 * decoded within the same bounds, turned upright and freshly encoded as a JPEG without metadata.
 */
@ApplicationScoped
public class DistrictSamples {

    private static final Logger LOG = Logger.getLogger(DistrictSamples.class.getName());
    static final long MAX_BYTES = MaterialType.DEFAULT_MAX_BYTES;
    static final int MAX_SIDE = 4000;

    @Inject
    TenantEntityManager em;
    @Inject
    RequestContext request;
    @Inject
    BlobStore blobs;
    @Inject
    AuditLog audit;
    @Inject
    DistrictPlugins plugins;
    @Inject
    SamplePictures pictures;
    @Resource
    TransactionSynchronizationRegistry transactions;

    /** A sample to serve. */
    public record Picture(byte[] bytes, String contentType, String sha256) {
    }

    /** The request district's own sample of a type, if it has one. */
    public Optional<Picture> find(String type) {
        Optional<DistrictSample> s = em.get().createQuery("SELECT s FROM DistrictSample s WHERE s.materialType = :t", DistrictSample.class)
                .setParameter("t", type).getResultStream().findFirst();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<InputStream> in = blobs.open(s.get().blobKey());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream i = in.get()) {
                return Optional.of(new Picture(i.readAllBytes(), s.get().contentType(), s.get().sha256()));
            }
        } catch (StorageUnavailableException e) {
            throw StorageProblems.unavailable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the district's sample of a type: the body must be a JPEG or PNG picture of at most 200 KB;
     * what is stored is its re-encoded JPEG.
     */
    @Transactional
    public DistrictSample put(DistrictConfig district, String type, byte[] bytes) {
        if (!isTypeOf(district, type)) {
            throw Problem.MATERIAL_TYPE_NOT_FOUND.refuse(Map.of("materialType", type), type);
        }
        SamplePictures.Cleaned picture = pictures.clean(bytes, MAX_BYTES, MAX_SIDE);
        byte[] stored = picture.bytes();
        String sha = sha256(stored);
        DistrictSample sample = new DistrictSample(type, "samples/" + request.district() + "/" + type + "/"
                + cn.shenhe.persistence.Ids.next() + ".jpg",
                picture.contentType(), stored.length, sha, request.caller().username(), Instant.now());
        String oldKey = removeRow(type);
        afterCompletion(committed -> deleteQuietly(committed ? oldKey : sample.blobKey()));
        try {
            blobs.put(sample.blobKey(), stored);
        } catch (StorageUnavailableException e) {
            throw StorageProblems.unavailable();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store sample " + sample.blobKey(), e);
        }
        em.get().persist(sample);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("materialType", type);
        detail.put("bytes", stored.length);
        detail.put("sha256", sha);
        detail.put("uploadedBytes", bytes.length);
        detail.put("uploadedSha256", picture.uploadedSha256());
        audit.record("district-sample.uploaded", "district-config", request.district(), detail);
        return sample;
    }

    /** Goes back to the plugin's sample; {@code false} if the district had none of its own. */
    @Transactional
    public boolean remove(String type) {
        String oldKey = removeRow(type);
        if (oldKey == null) {
            return false;
        }
        afterCompletion(committed -> deleteQuietly(committed ? oldKey : null));
        audit.record("district-sample.removed", "district-config", request.district(), Map.of("materialType", type));
        return true;
    }

    private String removeRow(String type) {
        var existing = em.get().createQuery("SELECT s FROM DistrictSample s WHERE s.materialType = :t", DistrictSample.class)
                .setParameter("t", type).getResultList();
        String key = null;
        for (DistrictSample s : existing) {
            key = s.blobKey();
            em.get().remove(s);
        }
        em.get().flush();
        return key;
    }

    /** Whether any site and exam category of the district requires the type. */
    private boolean isTypeOf(DistrictConfig d, String type) {
        for (DistrictConfig.Site site : d.sites()) {
            for (ExamCategory c : ExamCategory.values()) {
                if (plugins.requirement(d, new RegistrationFacts(d.code(), site.code(), c.code(), d.examYear()), type).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        if (key == null) {
            return;
        }
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete blob " + key + " (the orphan sweep will)", e);
        }
    }

    static ProblemException notFound(String type) {
        return Problems.notFound("示例图片 " + type, "Sample picture " + type);
    }
}
