package cn.shenhe.notification;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.Notification;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    /** The kind of a report to a district's admins that e-mail or SMS notices could not be sent. */
    static final String NOTICE_FAILED = "NOTICE_FAILED";

    @Id
    private String id;
    @Column(name = "recipient_sub", nullable = false, updatable = false)
    private String recipientSubject;
    @Column(name = "registration_id", updatable = false)
    private String registrationId;
    @Column(name = "kind", nullable = false, updatable = false)
    private String kind;
    @Embedded
    private NoticeText text;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;

    protected InAppNotification() {
        // for JPA
    }

    InAppNotification(Notification n) {
        this(n.recipient(), n.registrationId(), n.kind().name(), n.title(), n.body(), n.link(), n.at());
    }

    /** {@code kind}: a {@link Notification.Kind}, or {@link #NOTICE_FAILED} (to a district's admins). */
    InAppNotification(String recipient, String registrationId, String kind, LocalizedText title, LocalizedText body,
                      String link, Instant at) {
        this.id = Ids.next();
        this.recipientSubject = recipient;
        this.registrationId = registrationId;
        this.kind = kind;
        this.text = new NoticeText(title, body, link);
        this.createdAt = at;
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
    public LocalizedText title() { return text.title(); }
    public LocalizedText body() { return text.body(); }
    public String link() { return text.link(); }
    public Instant createdAt() { return createdAt; }
    public Instant readAt() { return readAt; }
}
