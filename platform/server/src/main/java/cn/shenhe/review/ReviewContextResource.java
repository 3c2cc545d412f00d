package cn.shenhe.review;

import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review workbench's context of a registration. Apart from the registration's page, which the
 * candidate reads too and which stays as light as it is: this one is for staff, and reading it is audited.
 */
@Path("/districts/{district}/registrations/{registration}/review-context")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReviewContextResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    ReviewContexts contexts;

    @GET
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "The declared identity (full ID number, what it encodes), past decisions and changes since the last one")
    public ReviewContext context(@PathParam("registration") String registrationId) {
        return contexts.of(registrationId);
    }
}
