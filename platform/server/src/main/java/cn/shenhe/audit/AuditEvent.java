package cn.shenhe.audit;

import cn.shenhe.persistence.Ids;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** One entry of the audit log. Immutable: every column is insert-only. */
@Entity
@Table(name = "audit_event")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class AuditEvent {

    @Id
    private String id;
    @Column(name = "at", nullable = false, updatable = false)
    private Instant at;
    @Column(name = "actor_sub", updatable = false)
    private String actorSubject;
    @Column(name = "actor_username", nullable = false, updatable = false)
    private String actorUsername;
    /** The role the actor acted in (null on entries from before it was recorded). */
    @Column(name = "actor_role", updatable = false)
    private String actorRole;
    @Column(name = "action", nullable = false, updatable = false)
    private String action;
    @Column(name = "target_type", nullable = false, updatable = false)
    private String targetType;
    @Column(name = "target_id", nullable = false, updatable = false)
    private String targetId;
    @Column(name = "detail", updatable = false)
    private String detail;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant at, String actorSubject, String actorUsername, String actorRole, String action, String targetType,
               String targetId, String detail) {
        this.id = Ids.next();
        this.at = at;
        this.actorSubject = actorSubject;
        this.actorUsername = actorUsername;
        this.actorRole = actorRole;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.detail = detail;
    }

    public String id() { return id; }
    public Instant at() { return at; }
    public String actorSubject() { return actorSubject; }
    public String actorUsername() { return actorUsername; }
    public String actorRole() { return actorRole; }
    public String action() { return action; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public String detail() { return detail; }

    /** The detail as the JSON object it was written as (empty if there is none). */
    public JsonObject details() {
        if (detail == null || detail.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(detail))) {
            return reader.readObject();
        }
    }
}
