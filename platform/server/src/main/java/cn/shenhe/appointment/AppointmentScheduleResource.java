package cn.shenhe.appointment;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.registration.RegistrationView.AppointmentView;
import cn.shenhe.security.RequestContext;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** One day's on-site appointments, for the site's reviewers (site reviewers see their site only). */
@Path("/districts/{district}/appointments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentScheduleResource {

    @PathParam("district")
    String district;
    @Inject
    Appointments appointments;
    @Inject
    RequestContext request;

    @GET
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @APIResponse(responseCode = "200", description = "The day's appointments")
    @APIResponse(responseCode = "409", description = "The district reviews online (not-in-person-review)")
    @APIResponse(responseCode = "422", description = "date is not yyyy-MM-dd (invalid-field)")
    public List<AppointmentView> day(@QueryParam("date") String date, @QueryParam("site") String site) {
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(Appointments.CHINA) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw InvalidField.DATE_FORMAT.refuse("date");
        }
        return appointments.day(day, request.caller().siteLimit().or(() -> Optional.ofNullable(site)));
    }
}
