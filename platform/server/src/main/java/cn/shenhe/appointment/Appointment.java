package cn.shenhe.appointment;

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
import jakarta.persistence.Version;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** A candidate's booking of an on-site review slot (现场审核预约); one per registration, rebooking moves it. */
@Entity
@Table(name = "appointment")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class Appointment {

    public enum Status { BOOKED, CANCELLED, CHECKED_IN }

    @Id
    private String id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "registration_id", nullable = false, updatable = false)
    private Registration registration;
    @Column(name = "slot_id", nullable = false)
    private String slotId;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private Status status;
    @Column(name = "booked_at", nullable = false)
    private Instant bookedAt;
    @Column(name = "checked_in_at")
    private Instant checkedInAt;
    @Column(name = "checked_in_by")
    private String checkedInBy;
    @Version
    private long version;

    protected Appointment() {
        // for JPA
    }

    Appointment(Registration registration, String slotId, Instant now) {
        this.id = Ids.next();
        this.registration = registration;
        book(slotId, now);
    }

    void book(String slot, Instant now) {
        this.slotId = slot;
        this.status = Status.BOOKED;
        this.bookedAt = now;
        this.checkedInAt = null;
        this.checkedInBy = null;
    }

    void cancel() {
        status = Status.CANCELLED;
    }

    void checkIn(String reviewer, Instant now) {
        status = Status.CHECKED_IN;
        checkedInAt = now;
        checkedInBy = reviewer;
    }

    public boolean active() {
        return status != Status.CANCELLED;
    }

    public String id() { return id; }
    public Registration registration() { return registration; }
    public String slotId() { return slotId; }
    public Status status() { return status; }
    public Instant bookedAt() { return bookedAt; }
    public Instant checkedInAt() { return checkedInAt; }
}
