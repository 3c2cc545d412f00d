package cn.shenhe.appointment;

import cn.shenhe.registration.RegistrationView.SlotView;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The district's published on-site schedule, with places left: public, like the requirements. */
@Path("/districts/{district}/appointment-slots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AppointmentSlotResource {

    @PathParam("district")
    String district;
    @Inject
    Appointments appointments;

    @GET
    @APIResponse(responseCode = "200", description = "The district's slots with their counts")
    @APIResponse(responseCode = "409", description = "The district reviews online (not-in-person-review)")
    public List<SlotView> slots(@QueryParam("site") String site) {
        return appointments.slots(Optional.ofNullable(site));
    }
}
