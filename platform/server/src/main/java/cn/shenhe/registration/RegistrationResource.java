package cn.shenhe.registration;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Registrations of a district: register, list, read. */
@Path("/districts/{district}/registrations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Context
    UriInfo uri;
    @Inject
    RegistrationService service;
    @Inject
    RegistrationViews views;
    @Inject
    PersonalDataReads reads;

    @POST
    @RolesAllowed(Role.CANDIDATE)
    @APIResponse(responseCode = "201", description = "Registered: the registration, its URL in Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "409", description = "The candidate is already registered for this year's exam (already-registered)")
    @APIResponse(responseCode = "422", description = "A field is missing or wrong (invalid-field, validation-failed), or registration is"
            + " not open for that exam year (exam-year-not-open)")
    public Response register(RegisterRequest request) {
        Registration r = service.register(request);
        RegistrationView view = views.of(r);
        return Response.created(uri.getRequestUri().resolve(RegistrationViews.url(district, r.id())))
                .entity(view).build();
    }

    @GET
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public List<RegistrationView.Summary> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                               @QueryParam("limit") @DefaultValue("50") int limit) {
        return service.listVisible(Math.max(0, offset), Math.clamp(limit, 1, 200)).stream().map(views::summary).toList();
    }

    @GET
    @Path("/{registration}")
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public RegistrationView read(@PathParam("registration") String id) {
        Registration r = service.findVisible(id);
        reads.ofRegistration(r.id(), AuditLog.REGISTRATION_VIEWED, java.util.Map.of());
        return views.of(r);
    }
}
