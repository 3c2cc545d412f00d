package cn.shenhe.registration;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.ExamCategory;
import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A candidate's registration for one exam year in one district. Owns the material pictures the
 * candidate uploads for it, and holds the rules of both: what the candidate may change and when
 * (the upload window, the status, locked pictures, counts) and the review's state machine (the
 * queue, claims, decisions, publication). Each rule refuses with a {@link Problem}; services load,
 * lock and store, and call these methods. Created in status {@link RegistrationStatus#FILLING}.
 */
@Entity
@Table(name = "registration")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class Registration {

    /** Upload windows are stated in Beijing time, to the minute. */
    private static final DateTimeFormatter BEIJING_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

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

    /**
     * What a change to the pictures did to the review queue: a registration waits at its site's
     * queue once complete, and leaves it when it no longer is.
     */
    public enum QueueMove { NONE, QUEUED, DEQUEUED }

    // --- The candidate's changes: uploads and deletes, under the registration's row lock.

    /** Pictures can be added or removed only while the registration is being filled in. */
    public boolean acceptsChanges() {
        return status == RegistrationStatus.FILLING;
    }

    /**
     * @throws ProblemException 409 registration-locked once past filling in; while the outcome is unpublished
     *         the candidate still sees 填报, so the words then say only that the materials are under review
     */
    public void checkOpenToChanges() {
        if (!acceptsChanges()) {
            throw (outcomeUnpublished() ? Problem.REGISTRATION_UNDER_REVIEW : Problem.REGISTRATION_LOCKED).refuse();
        }
    }

    /** @throws ProblemException 409 upload-window-closed outside the district's window, else as {@link #checkOpenToChanges} */
    public void checkUploadOpen(DistrictConfig.UploadWindow window, Instant now) {
        if (!window.isOpenAt(now)) {
            String opens = BEIJING_MINUTE.format(window.opens());
            String closes = BEIJING_MINUTE.format(window.closes());
            throw Problem.UPLOAD_WINDOW_CLOSED.refuse(Map.of("opens", opens, "closes", closes), opens, closes);
        }
        checkOpenToChanges();
    }

    /** @throws ProblemException 409 count-limit-reached when {@code stored} pictures of the type already fill it */
    public void checkRoomFor(MaterialType type, long stored) {
        if (stored >= type.maxImages()) {
            throw Problem.COUNT_LIMIT_REACHED.refuse(Map.of("materialType", type.code(), "maxImages", type.maxImages()),
                    type.name(), type.maxImages());
        }
    }

    /**
     * A picture just stored for this registration: it (re-)enters its site's queue if that made it
     * complete (also after a return for changes).
     */
    public QueueMove addImage(MaterialImage image, Completeness required, Instant now) {
        checkOpenToChanges();
        images.add(image);
        return changed(required, now);
    }

    /**
     * Removes a picture the candidate deletes; it leaves the queue if no longer complete.
     *
     * @throws ProblemException 409 image-locked for an approved picture
     */
    public QueueMove removeImage(MaterialImage image, Completeness required, Instant now) {
        checkOpenToChanges();
        if (image.locked()) {
            throw Problem.IMAGE_LOCKED.refuse();
        }
        images.remove(image);
        return changed(required, now);
    }

    private QueueMove changed(Completeness required, Instant now) {
        updatedAt = now;   // the version moves: concurrent changes serialize on it
        boolean complete = required.metBy(images);
        if (complete && queueLevel == null) {
            enqueue(ReviewLevel.SITE, now);
            return QueueMove.QUEUED;
        }
        if (!complete && queueLevel != null) {
            leaveQueue();
            return QueueMove.DEQUEUED;
        }
        return QueueMove.NONE;
    }

    public boolean isOwnedBy(String subject) {
        return candidateSubject.equals(subject);
    }

    /** What the district's plugins are told of it (which materials it needs, which checks apply). */
    public RegistrationFacts facts(String district) {
        return new RegistrationFacts(district, siteCode, examCategory().code(), examYear);
    }

    /**
     * An on-site review is booked once the materials are complete and wait for the site.
     *
     * @throws ProblemException 409 materials-incomplete
     */
    public void checkBookable() {
        if (status != RegistrationStatus.FILLING || queueLevel == null) {
            throw Problem.MATERIALS_INCOMPLETE.refuse();
        }
    }

    // --- Review: claims, decisions and their publication. The caller holds the row lock.
    // 填报 (queued at SITE once complete) → 考点通过 (queued at DISTRICT) → 审核通过 / 审核拒绝;
    // RETURN at either level sends it back to 填报, out of the queue until the candidate changes something.

    /** Enters a review queue (again), unclaimed. */
    private void enqueue(ReviewLevel level, Instant now) {
        queueLevel = level;
        queuedAt = now;
        if (completedAt == null) {
            completedAt = now;
        }
        release();
    }

    /** Leaves the queue: its materials are no longer complete, or it went back to the candidate. */
    private void leaveQueue() {
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

    /**
     * @throws ProblemException 409 not-in-queue unless it waits at {@code level}; 409 already-claimed while
     *         another reviewer's lease runs
     */
    public void checkClaimable(ReviewLevel level, String subject, Instant now) {
        if (queueLevel != level) {
            throw notInQueue(level);
        }
        if (!claimableBy(subject, now)) {
            throw Problem.ALREADY_CLAIMED.refuse(Map.of("claimedBy", claimedByName), claimedByName);
        }
    }

    /** Claims it, or renews the claim, for a lease until {@code expires}; as {@link #checkClaimable}. */
    public void claim(ReviewLevel level, String subject, String name, Instant expires, Instant now) {
        checkClaimable(level, subject, now);
        claimedBy = subject;
        claimedByName = name;
        claimExpiresAt = expires;
    }

    /** Gives the claim back. @throws ProblemException 409 not-claimed unless {@code subject} holds it */
    public void releaseBy(String subject, Instant now) {
        if (!claimedBy(subject, now)) {
            throw Problem.NOT_CLAIMED.refuse();
        }
        release();
    }

    private void release() {
        claimedBy = null;
        claimedByName = null;
        claimExpiresAt = null;
    }

    /**
     * The reviewer may decide on it at that level: it waits in that level's queue and they hold its claim.
     *
     * @throws ProblemException 409 review-out-of-order (the district, before the site passed it),
     *         not-in-queue, not-claimed
     */
    public void checkReviewableBy(String reviewer, ReviewLevel level, Instant now) {
        if (queueLevel != level) {
            throw level == ReviewLevel.DISTRICT && status == RegistrationStatus.FILLING
                    ? Problem.REVIEW_OUT_OF_ORDER.refuse() : notInQueue(level);
        }
        if (!claimedBy(reviewer, now)) {
            throw Problem.NOT_CLAIMED.refuse();
        }
    }

    /**
     * A reviewer's decision on one of its pictures: APPROVED locks it; only the district may reopen a
     * locked one (the site cannot take back what it approved, nor what the district approved).
     *
     * @throws ProblemException as {@link #checkReviewableBy}; 409 image-locked
     */
    public void decideImage(String reviewer, ReviewLevel level, MaterialImage image, ImageState decision, Instant now) {
        checkReviewableBy(reviewer, level, now);
        if (image.locked() && level == ReviewLevel.SITE && decision != ImageState.APPROVED) {
            throw Problem.IMAGE_LOCKED.refuse();
        }
        image.decide(decision, now);
    }

    /**
     * On site: the originals of a material were seen (its pictures are approved and locked), or there is
     * a problem with them (its unlocked pictures go back to the candidate).
     */
    public void recordInPerson(String reviewer, String materialType, boolean originalsSeen, Instant now) {
        checkReviewableBy(reviewer, ReviewLevel.SITE, now);
        imagesOf(materialType).stream().filter(m -> originalsSeen || !m.locked())
                .forEach(m -> m.decide(originalsSeen ? ImageState.APPROVED : ImageState.CHANGES_REQUESTED, now));
    }

    public List<MaterialImage> imagesOf(String materialType) {
        return images.stream().filter(m -> m.materialType().equals(materialType)).toList();
    }

    /** The pictures a reviewer has not approved yet. */
    public List<MaterialImage> notApproved() {
        return images.stream().filter(m -> !m.locked()).toList();
    }

    /**
     * What a conclusion rests on besides the registration itself.
     *
     * @param required            what complete means for it
     * @param commentForCandidate an open comment the candidate can read (a RETURN must say what to change)
     * @param reason              a REJECT's reason, shown to the candidate
     */
    public record Grounds(Completeness required, boolean commentForCandidate, String reason) {
    }

    /**
     * The reviewer concludes at their level: PASS (site) and APPROVE (district) need every required picture
     * present and approved; RETURN needs a comment for the candidate, who sees it at once; the others are
     * shown at once or on publication ({@code publishNow}).
     *
     * @throws ProblemException 422 invalid-field (outcome) for a conclusion of the other level; as
     *         {@link #checkReviewableBy}; 409 images-not-approved; 422 comment-required
     */
    public void conclude(ReviewOutcome outcome, ReviewLevel level, String reviewer, Grounds grounds, Instant now, boolean publishNow) {
        outcome.checkAllowedAt(level);
        checkReviewableBy(reviewer, level, now);
        switch (outcome) {
            case PASS, APPROVE -> {
                List<MaterialImage> pending = notApproved();
                if (!pending.isEmpty() || !grounds.required().metBy(images)) {
                    throw Problem.IMAGES_NOT_APPROVED.refuse(Map.of("pending", pending.stream().map(MaterialImage::id).toList()));
                }
                if (outcome == ReviewOutcome.PASS) {
                    status = RegistrationStatus.SITE_PASSED;
                    sitePassedAt = now;
                    enqueue(ReviewLevel.DISTRICT, now);
                } else {
                    decide(RegistrationStatus.APPROVED, null, now);
                }
            }
            case REJECT -> decide(RegistrationStatus.REJECTED, grounds.reason(), now);
            case RETURN -> {
                if (!grounds.commentForCandidate()) {
                    throw Problem.COMMENT_REQUIRED.refuse(Map.of("field", "comments"));
                }
                // Pictures the district now doubts were reopened by its CHANGES_REQUESTED; the others stay locked.
                status = RegistrationStatus.FILLING;
                leaveQueue();
                publish();   // the candidate sees at once that it is theirs to change again
                return;
            }
        }
        if (publishNow) {
            publish();
        }
    }

    private void decide(RegistrationStatus outcome, String reason, Instant now) {
        status = outcome;
        rejectReason = reason;
        decidedAt = now;
        leaveQueue();
    }

    /** Marks the moment of a reviewer's decisions, so pictures uploaded after it show as changed since review. */
    public void reviewed(Instant now) {
        lastReviewedAt = now;
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

    /** The refusal of acting on it at a level it does not wait at. */
    public static ProblemException notInQueue(ReviewLevel level) {
        return Problem.NOT_IN_QUEUE.refuse(Map.of("level", level.name()), level.name());
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
