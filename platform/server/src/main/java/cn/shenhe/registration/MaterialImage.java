package cn.shenhe.registration;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.ImageFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * One uploaded picture of a material, as stored: watermarked and re-encoded (the candidate's
 * original bytes are not kept; their SHA-256 is, for the audit log and duplicate detection).
 * Part of its {@link Registration}; the material package stores it, and what it knows of the
 * checks' findings and the hash's bands comes in already worked out, so that registration
 * needs nothing of material.
 */
@Entity
@Table(name = "material_image")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class MaterialImage {

    @Id
    private String id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "registration_id", nullable = false, updatable = false)
    private Registration registration;
    @Column(name = "material_type", nullable = false, updatable = false)
    private String materialType;
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private ImageState state;
    @Column(name = "blob_key", nullable = false, updatable = false)
    private String blobKey;
    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;
    @Column(name = "stored_bytes", nullable = false, updatable = false)
    private long storedBytes;
    @Column(name = "width", nullable = false, updatable = false)
    private int width;
    @Column(name = "height", nullable = false, updatable = false)
    private int height;
    @Enumerated(EnumType.STRING)
    @Column(name = "original_format", nullable = false, updatable = false)
    private ImageFormat originalFormat;
    @Column(name = "original_bytes", nullable = false, updatable = false)
    private long originalBytes;
    @Column(name = "original_sha256", nullable = false, updatable = false)
    private String originalSha256;
    @Column(name = "check_warnings")
    private String checkWarnings;
    @Column(name = "check_findings")
    private String checkFindings;
    /** See {@code material.reuse.ReuseBands}: null for a picture stored before hashes existed, until the backfill reaches it. */
    @Column(name = "phash", updatable = false)
    private Long perceptualHash;
    @Column(name = "phash_b0", updatable = false)
    private Integer band0;
    @Column(name = "phash_b1", updatable = false)
    private Integer band1;
    @Column(name = "phash_b2", updatable = false)
    private Integer band2;
    @Column(name = "phash_b3", updatable = false)
    private Integer band3;
    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;
    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;
    @Column(name = "reviewed_at")
    private Instant reviewedAt;
    @Column(name = "changed_since_review", nullable = false)
    private boolean changedSinceReview;
    @Version
    private long version;

    protected MaterialImage() {
        // for JPA
    }

    /** A picture just stored; {@code id} is the one its blob key was made from. */
    public MaterialImage(String id, Registration registration, String materialType, StoredPicture picture,
                         CheckColumns checks, String uploadedBy, Instant now) {
        this.id = id;
        this.registration = registration;
        this.materialType = materialType;
        this.state = ImageState.SUBMITTED;
        this.blobKey = picture.blobKey();
        this.contentType = picture.contentType();
        this.storedBytes = picture.storedBytes();
        this.width = picture.width();
        this.height = picture.height();
        this.originalFormat = picture.originalFormat();
        this.originalBytes = picture.originalBytes();
        this.originalSha256 = picture.originalSha256();
        this.perceptualHash = picture.perceptualHash();
        this.band0 = picture.hashBands()[0];
        this.band1 = picture.hashBands()[1];
        this.band2 = picture.hashBands()[2];
        this.band3 = picture.hashBands()[3];
        this.checkWarnings = checks.warnings();
        this.checkFindings = checks.findings();
        this.uploadedBy = uploadedBy;
        this.uploadedAt = now;
    }

    public static String newId() {
        return Ids.next();
    }

    /**
     * What the storage side knows of a picture once its bytes are durable.
     *
     * @param hashBands the perceptual hash cut into the reuse index's four bands ({@code ReuseBands.of})
     */
    public record StoredPicture(String blobKey, String contentType, long storedBytes, int width, int height,
                                ImageFormat originalFormat, long originalBytes, String originalSha256, long perceptualHash,
                                int[] hashBands) {
    }

    /**
     * What the upload checks warned of, as {@code material.quality.CheckFinding} writes it: the codes alone,
     * comma-separated (queries filter on them), and the findings in words (JSON); both null when none.
     */
    public record CheckColumns(String warnings, String findings) {
        public static final CheckColumns NONE = new CheckColumns(null, null);
    }

    public boolean locked() {
        return state.locked();
    }

    /** Marks a picture uploaded after its registration was reviewed, until a reviewer decides on it. */
    public void markChangedSinceReview() {
        changedSinceReview = true;
    }

    /** A reviewer's decision on this picture: APPROVED locks it (only the district level may reopen a locked one). */
    public void decide(ImageState decision, Instant now) {
        state = decision;
        reviewedAt = now;
        changedSinceReview = false;
    }

    public boolean changedSinceReview() { return changedSinceReview; }

    public String id() { return id; }
    public Registration registration() { return registration; }
    public String materialType() { return materialType; }
    public ImageState state() { return state; }
    public String blobKey() { return blobKey; }
    public String contentType() { return contentType; }
    public long storedBytes() { return storedBytes; }
    public int width() { return width; }
    public int height() { return height; }
    public ImageFormat originalFormat() { return originalFormat; }
    public long originalBytes() { return originalBytes; }
    public String originalSha256() { return originalSha256; }
    public String checkWarnings() { return checkWarnings; }
    public Long perceptualHash() { return perceptualHash; }
    /** What the upload checks warned of, in words: see {@link FindingLookup}. */
    public String checkFindings() { return checkFindings; }
    public Instant uploadedAt() { return uploadedAt; }
    public Instant reviewedAt() { return reviewedAt; }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaterialImage m && id.equals(m.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
