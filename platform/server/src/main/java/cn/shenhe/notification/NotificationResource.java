package cn.shenhe.notification;

import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.problem.Problems;
import cn.shenhe.security.Caller;
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
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The signed-in person's in-app notifications (站内通知), of their own district: newest first,
 * with the number unread. Nobody reads anyone else's.
 */
@Path("/me/notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    static final int MAX_LIMIT = 200;

    @Inject
    RequestContext request;
    @Inject
    NotificationStore store;

    public record NotificationView(String id, String kind, String registrationId, LocalizedText title,
                                   LocalizedText body, String link, Instant at, boolean read) {
        static NotificationView of(InAppNotification n) {
            return new NotificationView(n.id(), n.kind(), n.registrationId(), n.title(), n.body(), n.link(),
                    n.createdAt(), n.readAt() != null);
        }
    }

    public record Inbox(long unread, List<NotificationView> items) {
    }

    @GET
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Inbox list(@QueryParam("limit") @DefaultValue("50") int limit) {
        Caller caller = request.caller();
        if (caller.district() == null) {
            return new Inbox(0, List.of());
        }
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        NotificationStore.Page page = store.of(caller.district(), recipients(caller), n);
        return new Inbox(page.unread(), page.items().stream().map(NotificationView::of).toList());
    }

    /** Whom the caller reads for: themselves, and a district admin for the district's admins. */
    private static Set<String> recipients(Caller caller) {
        return caller.has(Role.DISTRICT_ADMIN) ? Set.of(caller.subject(), NotificationStore.DISTRICT_ADMINS) : Set.of(caller.subject());
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN})
    public NotificationView markRead(@PathParam("id") String id) {
        Caller caller = request.caller();
        if (caller.district() == null) {
            throw Problems.notFound("该通知", "Notification");
        }
        return store.markRead(caller.district(), recipients(caller), id).map(NotificationView::of)
                .orElseThrow(() -> Problems.notFound("该通知", "Notification"));
    }
}
