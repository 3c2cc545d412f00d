package cn.shenhe.registration;

import java.util.Optional;

/**
 * The on-site appointment a registration's page shows. The appointment package answers: it builds on
 * registration, so registration asks through this interface instead of knowing it.
 */
public interface AppointmentLookup {

    /** The registration's booking unless cancelled. */
    Optional<RegistrationView.AppointmentView> of(Registration r);
}
