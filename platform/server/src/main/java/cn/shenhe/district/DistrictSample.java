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

/** A district's own sample image (示例图片) for one material type, served instead of the plugin's. */
@Entity
@Table(name = "district_sample")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class DistrictSample {

    @Id
    private String id;
    @Column(name = "material_type", nullable = false, updatable = false)
    private String materialType;
    @Column(name = "blob_key", nullable = false, updatable = false)
    private String blobKey;
    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;
    @Column(name = "byte_count", nullable = false, updatable = false)
    private long byteCount;
    @Column(name = "sha256", nullable = false, updatable = false)
    private String sha256;
    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;
    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    protected DistrictSample() {
        // for JPA
    }

    DistrictSample(String materialType, String blobKey, String contentType, long byteCount, String sha256,
                   String uploadedBy, Instant uploadedAt) {
        this.id = Ids.next();
        this.materialType = materialType;
        this.blobKey = blobKey;
        this.contentType = contentType;
        this.byteCount = byteCount;
        this.sha256 = sha256;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    public String id() { return id; }
    public String materialType() { return materialType; }
    public String blobKey() { return blobKey; }
    public String contentType() { return contentType; }
    public long byteCount() { return byteCount; }
    public String sha256() { return sha256; }
    public String uploadedBy() { return uploadedBy; }
    public Instant uploadedAt() { return uploadedAt; }
}
