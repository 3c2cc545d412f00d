package cn.shenhe.registration;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.security.RequestContext;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Who looked at a registration's personal data. Admins see the person; the candidate sees the role
 * (考点审核员, 考区审核员, 管理员) and the time, never a name.
 */
@Path("/districts/{district}/registrations/{registration}/views")
@RequestScoped
public class ViewsResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    AuditLog audit;
    @Inject
    RegistrationService registrations;
    @Inject
    RequestContext request;

    /**
     * @param actor the user name, for admins only (null for the candidate)
     * @param role  the role the viewer acted in: site-reviewer, district-reviewer, district-admin, national-admin
     * @param what  picture.viewed (with the material type), registration.viewed or identity.viewed
     */
    public record View(Instant at, String role, String actor, String what, String materialType) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.CANDIDATE, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "Who viewed this registration and its pictures, newest first (the candidate: by role only)")
    public List<View> views(@PathParam("registration") String registrationId) {
        String id = registrations.findVisible(registrationId).id();   // a candidate's own only; 404 otherwise
        boolean candidate = request.caller().isCandidate();
        return audit.readsOf(id).stream()
                .map(e -> new View(e.at(), e.actorRole(), candidate ? null : e.actorUsername(), e.action(), e.details().getString("materialType", null)))
                .toList();
    }
}
