package cn.shenhe.registration;

import cn.shenhe.audit.AuditLog;
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

/** A registration's audit trail, for the district's administrators (and national ones, read-only). */
@Path("/districts/{district}/registrations/{registration}/audit")
@RequestScoped
public class AuditResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    AuditLog audit;
    @Inject
    RegistrationService registrations;

    public record Entry(String id, Instant at, String actor, String action, String detail) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public List<Entry> trail(@PathParam("registration") String registrationId) {
        String id = registrations.findVisible(registrationId).id();
        return audit.about("registration", id).stream()
                .map(e -> new Entry(e.id(), e.at(), e.actorUsername(), e.action(), e.detail()))
                .toList();
    }
}
