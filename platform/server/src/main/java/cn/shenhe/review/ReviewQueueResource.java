package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A district's review queues: list one level, claim the next registration in order. */
@Path("/districts/{district}/review-queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReviewQueueResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    ReviewQueue queue;

    @GET
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @APIResponse(responseCode = "200", description = "The queue at that level")
    @APIResponse(responseCode = "422", description = "level is not SITE or DISTRICT (invalid-field)")
    public ReviewQueue.QueueView list(@QueryParam("level") String level, @QueryParam("site") String site,
                                      @QueryParam("qualityWarnings") boolean qualityWarnings) {
        return queue.view(ReviewService.parse(ReviewLevel.class, level == null ? "SITE" : level, "level"), Optional.ofNullable(site),
                qualityWarnings);
    }

    /** 200 with the claim, or 204 when nothing is left to claim. */
    @POST
    @Path("/claims")
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER})
    @APIResponse(responseCode = "200", description = "The next registration in the queue, now claimed by the caller")
    @APIResponse(responseCode = "204", description = "Nothing is left to claim")
    @APIResponse(responseCode = "403", description = "The caller reviews at the other level (wrong-review-level), or its role may not do"
            + " this (forbidden)")
    @APIResponse(responseCode = "409", description = "The district reviews in person (in-person-review)")
    @APIResponse(responseCode = "422", description = "level is not SITE or DISTRICT (invalid-field)")
    public Response claimNext(@QueryParam("level") String level) {
        return queue.claimNext(ReviewService.parse(ReviewLevel.class, level, "level"))
                .map(c -> Response.ok(c).build())
                .orElseGet(() -> Response.noContent().build());
    }
}
