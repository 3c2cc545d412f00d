package cn.shenhe.material.reuse;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** National admins: pictures reused across districts. */
@Path("/national/reuse")
@RequestScoped
@RolesAllowed(Role.NATIONAL_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ReuseResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    ReuseFlags flags;

    @GET
    @Operation(summary = "Pairs of pictures of two districts that look the same (perceptual hash within the threshold), newest first")
    @APIResponse(responseCode = "200", description = "Pictures found in more than one registration")
    @APIResponse(responseCode = "422", description = "limit out of range (invalid-field)")
    public ReuseReport report(@QueryParam("limit") @DefaultValue("200") int limit) throws SQLException {
        return flags.acrossDistricts(checkLimit(limit));
    }

    /** @throws cn.shenhe.problem.ProblemException invalid-field when not 1 to {@value #MAX_LIMIT} */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidField.OUT_OF_RANGE.refuse("limit", 1, MAX_LIMIT);
        }
        return limit;
    }
}
