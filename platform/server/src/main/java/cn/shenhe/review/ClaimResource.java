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
    public ReviewQueue.Claim claim() {
        return queue.claim(registration);
    }

    @DELETE
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER})
    public void release() {
        queue.release(registration);
    }
}
