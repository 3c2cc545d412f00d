package cn.shenhe.appointment;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.RegistrationService;
import cn.shenhe.registration.RegistrationView.AppointmentView;
import cn.shenhe.review.ReviewQueue;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A registration's on-site appointment (现场审核预约): the candidate books, rebooks, cancels; the site reviewer checks in. */
@Path("/districts/{district}/registrations/{registration}/appointment")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @PathParam("registration")
    String registration;
    @Inject
    Appointments appointments;
    @Inject
    RegistrationService registrations;

    public record Booking(String slotId) {
    }

    @GET
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public AppointmentView read() {
        return appointments.of(registrations.findVisible(registration))
                .orElseThrow(() -> Problems.notFound("现场审核预约", "Appointment"));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CANDIDATE)
    @APIResponse(responseCode = "200", description = "Booked (or moved to that slot): the appointment with the slot's counts")
    @APIResponse(responseCode = "409", description = "Refused: materials-incomplete, already-checked-in, slot-full, booking-closed,"
            + " not-in-person-review")
    @APIResponse(responseCode = "422", description = "slotId missing, unknown or at another site (invalid-field)")
    public AppointmentView book(Booking booking) {
        if (booking == null || booking.slotId() == null) {
            throw InvalidField.SLOT_REQUIRED.refuse("slotId");
        }
        return appointments.book(registration, booking.slotId());
    }

    @DELETE
    @RolesAllowed(Role.CANDIDATE)
    @APIResponse(responseCode = "204", description = "The booking is cancelled")
    @APIResponse(responseCode = "409", description = "No booked appointment (no-appointment), booking closed (booking-closed), or"
            + " not-in-person-review")
    public void cancel() {
        appointments.cancel(registration);
    }

    @POST
    @Path("/check-in")
    @RolesAllowed(Role.SITE_REVIEWER)
    @APIResponse(responseCode = "200", description = "Checked in: the registration is claimed by the caller for the in-person review")
    @APIResponse(responseCode = "409", description = "No booked appointment (no-appointment), not-in-queue, already-claimed, or"
            + " not-in-person-review")
    public ReviewQueue.Claim checkIn() {
        return appointments.checkIn(registration);
    }
}
