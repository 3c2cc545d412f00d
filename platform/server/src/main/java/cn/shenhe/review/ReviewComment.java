package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.persistence.Ids;
import cn.shenhe.registration.Registration;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A reviewer's comment on a registration, or on one picture of it. Open until resolved. */
@Entity
@Table(name = "review_comment")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class ReviewComment {

    @Id
    private String id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "registration_id", nullable = false, updatable = false)
    private Registration registration;
    @Column(name = "image_id", updatable = false)
    private String imageId;
    @Column(name = "material_type", updatable = false)
    private String materialType;
    @Enumerated(EnumType.STRING)
    @Column(name = "review_level", nullable = false, updatable = false)
    private ReviewLevel level;
    @Enumerated(EnumType.STRING)
    @Column(name = "visibility", nullable = false, updatable = false)
    private CommentVisibility visibility;
    @Column(name = "body", nullable = false, updatable = false)
    private String body;
    @Column(name = "author_sub", nullable = false, updatable = false)
    private String authorSubject;
    @Column(name = "author_name", nullable = false, updatable = false)
    private String authorName;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected ReviewComment() {
        // for JPA
    }

    /** @param imageId and {@code materialType}: what the comment is about; both null for the whole registration */
    public ReviewComment(Registration registration, String imageId, String materialType, ReviewLevel level,
                         CommentVisibility visibility, String body, String authorSubject, String authorName, Instant now) {
        this.id = Ids.next();
        this.registration = registration;
        this.imageId = imageId;
        this.materialType = materialType;
        this.level = level;
        this.visibility = visibility;
        this.body = body;
        this.authorSubject = authorSubject;
        this.authorName = authorName;
        this.createdAt = now;
    }

    /** Answered: the picture was approved or replaced, or the level it was raised at has passed. */
    public void resolve(Instant now) {
        if (resolvedAt == null) {
            resolvedAt = now;
        }
    }

    public String id() { return id; }
    public Registration registration() { return registration; }
    public String imageId() { return imageId; }
    public String materialType() { return materialType; }
    public ReviewLevel level() { return level; }
    public CommentVisibility visibility() { return visibility; }
    public String body() { return body; }
    public String authorName() { return authorName; }
    public String authorSubject() { return authorSubject; }
    public Instant createdAt() { return createdAt; }
    public Instant resolvedAt() { return resolvedAt; }

    public boolean open() {
        return resolvedAt == null;
    }
}
