package cn.shenhe.notification;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** One in-app notification (站内通知) of one candidate. Only {@code readAt} ever changes. */
@Entity
@Table(name = "notification")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class InAppNotification {

    @Id
    private String id;
    @Column(name = "recipient_sub", nullable = false, updatable = false)
    private String recipientSubject;
    @Column(name = "registration_id", updatable = false)
    private String registrationId;
    @Column(name = "kind", nullable = false, updatable = false)
    private String kind;
    @Column(name = "title_zh", nullable = false, updatable = false)
    private String titleZh;
    @Column(name = "title_en", nullable = false, updatable = false)
    private String titleEn;
    @Column(name = "body_zh", nullable = false, updatable = false)
    private String bodyZh;
    @Column(name = "body_en", nullable = false, updatable = false)
    private String bodyEn;
    @Column(name = "link", updatable = false)
    private String link;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;

    protected InAppNotification() {
        // for JPA
    }

    InAppNotification(Notification n) {
        this.id = Ids.next();
        this.recipientSubject = n.recipient();
        this.registrationId = n.registrationId();
        this.kind = n.kind().name();
        this.titleZh = clip(n.title().zh(), 200);
        this.titleEn = clip(n.title().en(), 200);
        this.bodyZh = clip(n.body().zh(), 2000);
        this.bodyEn = clip(n.body().en(), 2000);
        this.link = n.link() == null ? null : clip(n.link(), 500);
        this.createdAt = n.at();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public String id() { return id; }
    public String recipientSubject() { return recipientSubject; }
    public String registrationId() { return registrationId; }
    public String kind() { return kind; }
    public LocalizedText title() { return LocalizedText.of(titleZh, titleEn); }
    public LocalizedText body() { return LocalizedText.of(bodyZh, bodyEn); }
    public String link() { return link; }
    public Instant createdAt() { return createdAt; }
    public Instant readAt() { return readAt; }
}
