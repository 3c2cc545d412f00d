package cn.shenhe.appointment;

import cn.shenhe.registration.RegistrationChanged;

/** A candidate booked (or moved) or cancelled their on-site appointment. */
public record AppointmentChanged(String district, String registrationId, boolean booked) implements RegistrationChanged {

    @Override
    public String kind() {
        return booked ? "appointment.booked" : "appointment.cancelled";
    }
}
