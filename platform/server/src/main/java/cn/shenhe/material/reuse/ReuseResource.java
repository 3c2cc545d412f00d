package cn.shenhe.material.reuse;

import cn.shenhe.problem.Problems;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** National admins: pictures reused across districts, and the hashing of pictures stored before reuse detection. */
@Path("/national/reuse")
@RequestScoped
@RolesAllowed(Role.NATIONAL_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ReuseResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    ReuseFlags flags;
    @Inject
    ReuseBackfill backfill;

    @GET
    @Operation(summary = "Pairs of pictures of two districts that look the same (perceptual hash within the threshold), newest first")
    public ReuseReport report(@QueryParam("limit") @DefaultValue("200") int limit) throws SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.invalid("limit", "应在 1 到 " + MAX_LIMIT + " 之间", "must be 1 to " + MAX_LIMIT);
        }
        return flags.acrossDistricts(limit);
    }

    @GET
    @Path("/backfill")
    @Operation(summary = "How many stored pictures have no perceptual hash yet")
    public ReuseBackfill.Progress pending() throws SQLException {
        return new ReuseBackfill.Progress(0, 0, 0, backfill.pending());
    }

    @POST
    @Path("/backfill")
    @Operation(summary = "Hash (and look up) a batch of pictures stored without a hash now, instead of at the job's next run")
    public ReuseBackfill.Progress run(@QueryParam("limit") @DefaultValue("200") int limit) throws SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.invalid("limit", "应在 1 到 " + MAX_LIMIT + " 之间", "must be 1 to " + MAX_LIMIT);
        }
        return backfill.run(limit);
    }
}
