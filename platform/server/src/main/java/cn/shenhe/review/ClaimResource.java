package cn.shenhe.review;

import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A reviewer's lease on one registration: take or renew it (PUT), give it back (DELETE). */
@Path("/districts/{district}/registrations/{registration}/claim")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @PathParam("registration")
    String registration;
    @Inject
    ReviewQueue queue;

    @PUT
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER})
    @APIResponse(responseCode = "200", description = "The claim (a lease): the caller reviews the registration until it expires")
    @APIResponse(responseCode = "403", description = "The registration waits at the other review level (wrong-review-level), or the"
            + " caller's role may not do this (forbidden)")
    @APIResponse(responseCode = "409", description = "Not in the queue (not-in-queue), claimed by another reviewer (already-claimed), or"
            + " reviewed in person (in-person-review)")
    public ReviewQueue.Claim claim() {
        return queue.claim(registration);
    }

    @DELETE
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER})
    @APIResponse(responseCode = "204", description = "The claim is released")
    @APIResponse(responseCode = "409", description = "The caller holds no claim on it (not-claimed)")
    public void release() {
        queue.release(registration);
    }
}
