package cn.shenhe.it;

import cn.shenhe.notification.CandidateNotice;
import cn.shenhe.plugin.api.LocalizedText;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Test deployment only (NotificationsIT adds it to the WAR): fires a {@link CandidateNotice}
 * inside a transaction, as the review code does, and rolls that transaction back on request.
 */
@Path("/it/notices")
@RequestScoped
@PermitAll
public class NoticeTrigger {

    @Inject
    Firer firer;

    @POST
    public Response fire(@QueryParam("district") String district, @QueryParam("registration") String registration,
                         @QueryParam("subject") String subject, @QueryParam("kind") String kind,
                         @QueryParam("text") String text, @QueryParam("rollback") boolean rollback) {
        CandidateNotice notice = new CandidateNotice(district, registration, subject, CandidateNotice.Kind.valueOf(kind),
                LocalizedText.of(kind.equals("COMMENT") ? "审核意见" : "审核状态", kind.equals("COMMENT") ? "Review comment" : "Review status"),
                LocalizedText.of(text, text + " (en)"));
        try {
            firer.fire(notice, rollback);
        } catch (RolledBack e) {
            return Response.status(409).build();
        }
        return Response.noContent().build();
    }

    static class RolledBack extends RuntimeException {
    }

    @ApplicationScoped
    public static class Firer {
        @Inject
        Event<CandidateNotice> notices;

        @Transactional
        public void fire(CandidateNotice notice, boolean rollback) {
            notices.fire(notice);
            if (rollback) {
                throw new RolledBack();
            }
        }
    }
}
