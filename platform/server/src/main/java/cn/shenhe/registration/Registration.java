package cn.shenhe.registration;

import cn.shenhe.material.MaterialImage;
import cn.shenhe.persistence.Ids;
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
        this.examYear = examYear;
        this.examCategory = category.code();
        this.siteCode = Objects.requireNonNull(siteCode);
        this.status = RegistrationStatus.FILLING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Who registers: the signed-in person, with what they told us of themselves. */
    public record Candidate(String subject, String username, String name, String idNumber, String phone) {
    }

    /** Marks a change by the candidate (an upload or a delete), so concurrent changes serialize on the version. */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public boolean isOwnedBy(String subject) {
        return candidateSubject.equals(subject);
    }

    /** Pictures can be added or removed only while the registration is being filled in. */
    public boolean acceptsChanges() {
        return status == RegistrationStatus.FILLING;
    }

    public String id() { return id; }
    public String candidateSubject() { return candidateSubject; }
    public String candidateUsername() { return candidateUsername; }
    public String candidateName() { return candidateName; }
    public String idNumber() { return idNumber; }
    public String phone() { return phone; }
    public int examYear() { return examYear; }
    public ExamCategory examCategory() { return ExamCategory.ofCode(examCategory).orElseThrow(); }
    public String siteCode() { return siteCode; }
    public RegistrationStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
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
