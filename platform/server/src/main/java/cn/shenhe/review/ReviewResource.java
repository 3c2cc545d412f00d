package cn.shenhe.review;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.registration.RegistrationView;
import cn.shenhe.registration.RegistrationViews;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A reviewer's decisions on a registration they have claimed; answers with the registration as it now is. */
@Path("/districts/{district}/registrations/{registration}/reviews")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @PathParam("registration")
    String registration;
    @Inject
    ReviewService reviews;
    @Inject
    RegistrationViews views;

    @POST
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER})
    @APIResponse(responseCode = "200", description = "The decision is recorded: the registration as it now stands")
    @APIResponse(responseCode = "403", description = "The registration waits at the other review level (wrong-review-level), or the"
            + " caller's role may not do this (forbidden)")
    @APIResponse(responseCode = "409", description = "Refused by the review's state: not-in-queue, review-out-of-order, not-claimed,"
            + " not-checked-in, image-locked, images-not-approved")
    @APIResponse(responseCode = "422", description = "The decision is incomplete or wrong: invalid-field, comment-required")
    public RegistrationView review(ReviewRequest request) {
        if (request == null) {
            throw InvalidField.BODY_REQUIRED.refuse("body");
        }
        return views.of(reviews.review(registration, request));
    }
}
