package cn.shenhe.material.reuse;

import cn.shenhe.security.RequestContext;
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
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A district's pictures stored before reuse detection: how many are left to hash, and a batch hashed now. */
@Path("/districts/{district}/reuse/backfill")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReuseBackfillResource {

    /** The tenant; bound and checked against the caller by TenantFilter (declared so the OpenAPI document names it). */
    @PathParam("district")
    String district;

    @Inject
    ReuseBackfill backfill;
    @Inject
    RequestContext request;

    @GET
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "How many of the district's pictures have no perceptual hash yet (the backfill job hashes them every few minutes)")
    public ReuseBackfill.Progress pending() throws SQLException {
        return new ReuseBackfill.Progress(0, 0, 0, backfill.pending(request.district()));
    }

    @POST
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Hash (and look up in every district) a batch of the district's pictures stored without a hash, now")
    public ReuseBackfill.Progress run(@QueryParam("limit") @DefaultValue("200") int limit) throws SQLException {
        return backfill.run(ReuseResource.checkLimit(limit), request.district());
    }
}
