package cn.shenhe.notification;

import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problems;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The district's notices by e-mail and SMS (the outbox): which failed after every try (for the
 * admin to mend the settings and send them again), which wait, which went. Addresses are masked.
 */
@Path("/districts/{district}/notices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** The tenant; bound and checked against the caller by TenantFilter (declared so the OpenAPI document names it). */
    @PathParam("district")
    String district;

    @Inject
    NoticeOutbox outbox;

    public record NoticeView(String id, String status, String plugin, String channel, String address, String registrationId,
                             String kind, String title, int attempts, String lastError, Instant createdAt,
                             Instant nextAttemptAt, Instant finishedAt) {
        static NoticeView of(OutboundNotice n) {
            return new NoticeView(n.id(), n.status().name(), n.pluginId(), n.channel(), n.maskedAddress(), n.registrationId(),
                    n.kind(), n.text().title().zh(), n.attempts(), n.lastError(), n.createdAt(),
                    n.status() == OutboundNotice.Status.PENDING ? n.nextAttemptAt() : null, n.finishedAt());
        }
    }

    @GET
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @APIResponse(responseCode = "200", description = "The district's notices with that status")
    @APIResponse(responseCode = "422", description = "status is not FAILED, PENDING or SENT (invalid-field)")
    public List<NoticeView> list(@QueryParam("status") @DefaultValue("FAILED") String status,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        OutboundNotice.Status s;
        try {
            s = OutboundNotice.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidField.NOTICE_STATUS.refuse("status");
        }
        return outbox.list(s, Math.max(1, Math.min(limit, 500))).stream().map(NoticeView::of).toList();
    }

    @POST
    @Path("/{id}/resend")
    @RolesAllowed(Role.DISTRICT_ADMIN)
    public NoticeView resend(@PathParam("id") String id) {
        return outbox.resend(id).map(NoticeView::of).orElseThrow(() -> Problems.notFound("该发送失败的通知", "Failed notice"));
    }
}
