package cn.shenhe.notification;

import cn.shenhe.persistence.Ids;
import cn.shenhe.plugin.api.NoticeSender;
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

/**
 * A notice waiting in the outbox for one sending plugin (e-mail, SMS), or what became of it. Written
 * here, in the change's transaction; claimed, sent and finished by {@link NoticeOutbox}'s JDBC
 * (a worker serves every district), read here for the district admin's listing.
 */
@Entity
@Table(name = "notice_outbox")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class OutboundNotice {

    public enum Status { PENDING, SENT, FAILED }

    @Id
    private String id;
    @Column(name = "plugin_id", nullable = false, updatable = false)
    private String pluginId;
    @Column(name = "channel", nullable = false, updatable = false)
    private String channel;
    @Column(name = "address", nullable = false)
    private String address;
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
    @Column(name = "status", nullable = false)
    private String status;
    @Column(name = "attempts", nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected OutboundNotice() {
        // for JPA
    }

    OutboundNotice(Notification n, String pluginId, NoticeSender.Channel channel, String address) {
        this.id = Ids.next();
        this.pluginId = pluginId;
        this.channel = channel.name();
        this.address = address;
        this.recipientSubject = n.recipient();
        this.registrationId = n.registrationId();
        this.kind = n.kind().name();
        this.text = new NoticeText(n.title(), n.body(), n.link());
        this.createdAt = n.at();
        this.status = Status.PENDING.name();
        this.nextAttemptAt = n.at();
    }

    /** Sent again from the first try (an admin's request, once the gateway is mended). */
    boolean retry(Instant now) {
        if (!Status.FAILED.name().equals(status)) {
            return false;
        }
        status = Status.PENDING.name();
        attempts = 0;
        nextAttemptAt = now;
        finishedAt = null;
        return true;
    }

    public String id() { return id; }
    public String pluginId() { return pluginId; }
    public String channel() { return channel; }
    /** Masked: the listing shows whose it was, not the whole address. */
    public String maskedAddress() { return Texts.mask(address); }
    public String registrationId() { return registrationId; }
    public String kind() { return kind; }
    public NoticeText text() { return text; }
    public Instant createdAt() { return createdAt; }
    public Status status() { return Status.valueOf(status); }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant finishedAt() { return finishedAt; }
}
