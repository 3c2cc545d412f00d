package cn.shenhe.district;

import cn.shenhe.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * One version of a district's configuration: the YAML document, who made it, when, and a summary
 * of what changed. Append-only: every column is insert-only; the highest number is in force.
 */
@Entity
@Table(name = "district_config_version")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class ConfigVersion {

    @Id
    private String id;
    @Column(name = "version_no", nullable = false, updatable = false)
    private int number;
    @Column(name = "document", nullable = false, updatable = false, length = 200_000)
    private String document;
    @Column(name = "author_sub", updatable = false)
    private String authorSubject;
    @Column(name = "author_username", nullable = false, updatable = false)
    private String authorUsername;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "summary", nullable = false, updatable = false)
    private String summary;
    @Column(name = "reverted_from", updatable = false)
    private Integer revertedFrom;

    protected ConfigVersion() {
        // for JPA
    }

    ConfigVersion(int number, String document, String authorSubject, String authorUsername, Instant createdAt,
                  String summary, Integer revertedFrom) {
        this.id = Ids.next();
        this.number = number;
        this.document = document;
        this.authorSubject = authorSubject;
        this.authorUsername = authorUsername;
        this.createdAt = createdAt;
        this.summary = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        this.revertedFrom = revertedFrom;
    }

    public String id() { return id; }
    public int number() { return number; }
    public String document() { return document; }
    public String authorSubject() { return authorSubject; }
    public String authorUsername() { return authorUsername; }
    public Instant createdAt() { return createdAt; }
    public String summary() { return summary; }
    public Integer revertedFrom() { return revertedFrom; }
}
