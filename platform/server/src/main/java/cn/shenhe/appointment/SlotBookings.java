package cn.shenhe.appointment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * How many active bookings a slot holds. Bookings lock this row, so a slot's capacity holds
 * however many candidates book at once.
 */
@Entity
@Table(name = "appointment_slot")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "district_id", contextProperty = "eclipselink.tenant-id", length = 32)
public class SlotBookings {

    @Id
    private String id;
    @Column(name = "booked", nullable = false)
    private int booked;

    protected SlotBookings() {
        // for JPA
    }

    SlotBookings(String slotId) {
        this.id = slotId;
    }

    boolean take(int capacity) {
        if (booked >= capacity) {
            return false;
        }
        booked++;
        return true;
    }

    void giveBack() {
        booked = Math.max(0, booked - 1);
    }

    public String id() { return id; }
    public int booked() { return booked; }
}
