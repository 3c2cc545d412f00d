package cn.shenhe.national;

import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A district's review progress for its administrator; national administrators read any district's. */
@Path("/districts/{district}/progress")
@RequestScoped
public class DistrictProgressResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    Oversight oversight;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "Counts by status, review backlog by level, median time to decision, daily progress of one district")
    public DistrictProgress progress() throws SQLException {
        return oversight.progress(district);
    }
}
