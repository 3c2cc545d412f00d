package cn.shenhe.review;

import cn.shenhe.notification.CandidateNotice;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationStatus;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Tells the candidate what review changed for them: comments they can read, and their status
 * as they see it (a return at once; outcomes when shown). The district's notifiers deliver it
 * after the transaction commits.
 */
@ApplicationScoped
class ReviewNotices {

    @Inject
    Event<CandidateNotice> notices;
    @Inject
    RequestContext request;

    void comments(Registration r, List<String> bodies) {
        if (bodies.isEmpty()) {
            return;
        }
        String text = String.join("\n", bodies);
        notices.fire(new CandidateNotice(request.district(), r.id(), r.candidateSubject(), CandidateNotice.Kind.COMMENT,
                LocalizedText.of("您的报名材料有新的审核意见", "New review comments on your materials"), LocalizedText.of(text, text)));
    }

    /** The status the candidate now sees, if it changed for them. */
    void status(Registration r, RegistrationStatus before) {
        RegistrationStatus now = r.publishedStatus();
        if (now == before) {
            return;
        }
        LocalizedText label = now.label();
        LocalizedText body = switch (now) {
            case FILLING -> LocalizedText.of("请按审核意见修改材料后等待再次审核", "Please change your materials as the comments ask, then wait for review again");
            case SITE_PASSED -> LocalizedText.of("考点审核已通过,等待考区审核", "Your exam site has passed your registration; the district reviews it next");
            case APPROVED -> LocalizedText.of("审核通过", "Your registration has been approved");
            case REJECTED -> LocalizedText.of("审核拒绝:" + r.rejectReason(), "Rejected: " + r.rejectReason());
        };
        notices.fire(new CandidateNotice(request.district(), r.id(), r.candidateSubject(), CandidateNotice.Kind.STATUS,
                LocalizedText.of("报名状态:" + label.zh(), "Registration status: " + label.en()), body));
    }
}
