package cn.shenhe.review;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Unpublished review outcomes per site and for the district, and publishing them (district admins). */
@Path("/districts/{district}/publications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PublicationResource {

    @PathParam("district")
    String district;
    @Inject
    Publications publications;

    public record PublishRequest(String level, String site) {
    }

    @GET
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.DISTRICT_REVIEWER, Role.NATIONAL_ADMIN})
    public List<Publications.Scope> scopes() {
        return publications.scopes();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "The outcomes are published to the candidates of that scope")
    @APIResponse(responseCode = "409", description = "Registrations of the scope still wait for review (reviews-unfinished)")
    @APIResponse(responseCode = "422", description = "level or site missing or unknown (invalid-field)")
    public Publications.Published publish(PublishRequest request) {
        if (request == null) {
            throw InvalidField.REQUIRED.refuse("level");
        }
        return publications.publish(ReviewService.parse(ReviewLevel.class, request.level(), "level"), Optional.ofNullable(request.site()));
    }
}
