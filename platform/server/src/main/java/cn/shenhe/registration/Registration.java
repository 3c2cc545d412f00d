package cn.shenhe.registration;

import cn.shenhe.material.MaterialImage;
import cn.shenhe.persistence.Ids;
import cn.shenhe.review.ReviewLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A candidate's registration for one exam year in one district. Owns the material pictures the
 * candidate uploads for it. Created in status {@link RegistrationStatus#FILLING}.
 */
@Entity
@Table(name = "registration")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class Registration {

    @Id
    private String id;
    @Column(name = "candidate_sub", nullable = false, updatable = false)
    private String candidateSubject;
    @Column(name = "candidate_username", nullable = false, updatable = false)
    private String candidateUsername;
    @Column(name = "candidate_name", nullable = false)
    private String candidateName;
    @Column(name = "id_number")
    private String idNumber;
    @Column(name = "phone")
    private String phone;
    /** Where e-mail notices go (the form's, or the account's verified address); null: none are sent. */
    @Column(name = "email")
    private String email;
    @Column(name = "exam_year", nullable = false, updatable = false)
    private int examYear;
    @Column(name = "exam_category", nullable = false)
    private String examCategory;
    @Column(name = "site_code", nullable = false)
    private String siteCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private RegistrationStatus status;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    // Review state (see the review package): what the candidate sees, the queue, the claim.
    @Enumerated(EnumType.STRING)
    @Column(name = "published_status", nullable = false)
    private RegistrationStatus publishedStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "queue_level")
    private ReviewLevel queueLevel;
    @Column(name = "queued_at")
    private Instant queuedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "claimed_by_name")
    private String claimedByName;
    @Column(name = "claim_expires_at")
    private Instant claimExpiresAt;
    @Column(name = "last_reviewed_at")
    private Instant lastReviewedAt;
    @Column(name = "site_passed_at")
    private Instant sitePassedAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "reject_reason")
    private String rejectReason;

    @OneToMany(mappedBy = "registration")
    @OrderBy("uploadedAt ASC")
    private List<MaterialImage> images = new ArrayList<>();

    protected Registration() {
        // for JPA
    }

    public Registration(Candidate candidate, int examYear, ExamCategory category, String siteCode, Instant now) {
        this.id = Ids.next();
        this.candidateSubject = Objects.requireNonNull(candidate.subject());
        this.candidateUsername = Objects.requireNonNull(candidate.username());
        this.candidateName = Objects.requireNonNull(candidate.name());
        this.idNumber = candidate.idNumber();
        this.phone = candidate.phone();
        this.email = candidate.email();
        this.examYear = examYear;
        this.examCategory = category.code();
        this.siteCode = Objects.requireNonNull(siteCode);
        this.status = RegistrationStatus.FILLING;
        this.publishedStatus = RegistrationStatus.FILLING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Who registers: the signed-in person, with what they told us of themselves. */
    public record Candidate(String subject, String username, String name, String idNumber, String phone, String email) {
    }

    /** Marks a change by the candidate (an upload or a delete), so concurrent changes serialize on the version. */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    /**
     * Keeps the in-memory side of the pictures relation in step with a picture stored or removed
     * in this transaction, so rules read later in it (completeness, the queue) see the change.
     */
    public void attach(MaterialImage image) {
        images.add(image);
    }

    public void detach(MaterialImage image) {
        images.remove(image);
    }

    public boolean isOwnedBy(String subject) {
        return candidateSubject.equals(subject);
    }

    /** Pictures can be added or removed only while the registration is being filled in. */
    public boolean acceptsChanges() {
        return status == RegistrationStatus.FILLING;
    }

    // --- Review: the queue, claims, decisions and their publication. The caller holds the row lock.

    /** Enters a review queue (again), unclaimed. */
    public void enqueue(ReviewLevel level, Instant now) {
        queueLevel = level;
        queuedAt = now;
        if (completedAt == null) {
            completedAt = now;
        }
        release();
    }

    /** Leaves the queue: its materials are no longer complete, or it went back to the candidate. */
    public void leaveQueue() {
        queueLevel = null;
        queuedAt = null;
        release();
    }

    /** Free for {@code subject} to claim: nobody holds it, they do, or the holder's lease ran out. */
    public boolean claimableBy(String subject, Instant now) {
        return claimedBy == null || claimedBy.equals(subject) || !claimExpiresAt.isAfter(now);
    }

    /** Someone holds a lease on it that has not run out. */
    public boolean claimLive(Instant now) {
        return claimedBy != null && claimExpiresAt.isAfter(now);
    }

    public boolean claimedBy(String subject, Instant now) {
        return claimLive(now) && claimedBy.equals(subject);
    }

    public void claim(String subject, String name, Instant expires) {
        claimedBy = subject;
        claimedByName = name;
        claimExpiresAt = expires;
    }

    public void release() {
        claimedBy = null;
        claimedByName = null;
        claimExpiresAt = null;
    }

    public void reviewed(Instant now) {
        lastReviewedAt = now;
    }

    /** 考点通过: on to the district's queue. */
    public void passSite(Instant now, boolean publishNow) {
        status = RegistrationStatus.SITE_PASSED;
        sitePassedAt = now;
        enqueue(ReviewLevel.DISTRICT, now);
        if (publishNow) {
            publish();
        }
    }

    /** 审核通过 or 审核拒绝: out of every queue. */
    public void decide(RegistrationStatus outcome, String reason, Instant now, boolean publishNow) {
        if (outcome != RegistrationStatus.APPROVED && outcome != RegistrationStatus.REJECTED) {
            throw new IllegalArgumentException("not a final outcome: " + outcome);
        }
        status = outcome;
        rejectReason = reason;
        decidedAt = now;
        leaveQueue();
        if (publishNow) {
            publish();
        }
    }

    /** Back to the candidate for changes, who sees that at once; re-enters the site queue when they change something. */
    public void returnToCandidate() {
        status = RegistrationStatus.FILLING;
        publishedStatus = RegistrationStatus.FILLING;
        leaveQueue();
    }

    /** Shows the candidate that the site passed them (the district's outcome, if any, stays unpublished). */
    public void publishSitePass() {
        if (publishedStatus == RegistrationStatus.FILLING && status != RegistrationStatus.FILLING) {
            publishedStatus = RegistrationStatus.SITE_PASSED;
        }
    }

    /** Shows the candidate the outcome reached so far. */
    public void publish() {
        publishedStatus = status;
    }

    public boolean outcomeUnpublished() {
        return publishedStatus != status;
    }

    public String id() { return id; }
    public String candidateSubject() { return candidateSubject; }
    public String candidateUsername() { return candidateUsername; }
    public String candidateName() { return candidateName; }
    public String idNumber() { return idNumber; }
    public String phone() { return phone; }
    public String email() { return email; }
    public int examYear() { return examYear; }
    public ExamCategory examCategory() { return ExamCategory.ofCode(examCategory).orElseThrow(); }
    public String siteCode() { return siteCode; }
    public RegistrationStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public RegistrationStatus publishedStatus() { return publishedStatus; }
    public Optional<ReviewLevel> queueLevel() { return Optional.ofNullable(queueLevel); }
    public Instant queuedAt() { return queuedAt; }
    public Instant completedAt() { return completedAt; }
    public String claimedBy() { return claimedBy; }
    public String claimedByName() { return claimedByName; }
    public Instant claimExpiresAt() { return claimExpiresAt; }
    public Instant lastReviewedAt() { return lastReviewedAt; }
    public Instant sitePassedAt() { return sitePassedAt; }
    public Instant decidedAt() { return decidedAt; }
    public String rejectReason() { return rejectReason; }
    public List<MaterialImage> images() { return Collections.unmodifiableList(images); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r && id.equals(r.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
