package cn.shenhe.audit;

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

/** The district-wide reads of personal data (searches, exports), for its admins and the national ones. */
@Path("/districts/{district}/audit")
@RequestScoped
public class DistrictAuditResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    AuditLog audit;

    public record Entry(Instant at, String actor, String role, String action, String detail) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "The district's searches and exports, newest first (the last 500)")
    public List<Entry> reads() {
        return audit.recentAbout("district", district, 500).stream()
                .map(e -> new Entry(e.at(), e.actorUsername(), e.actorRole(), e.action(), e.detail()))
                .toList();
    }
}
