package cn.shenhe.review;

import cn.shenhe.problem.ProblemException;
import java.util.Map;

/** The review's refusals, each with a stable code. */
final class ReviewProblems {

    private ReviewProblems() {
    }

    static ProblemException notYourLevel(ReviewLevel level) {
        return new ProblemException(403, "wrong-review-level",
                level == ReviewLevel.SITE ? "考点审核只能由考点审核人员进行" : "考区审核只能由考区审核人员进行",
                level == ReviewLevel.SITE ? "Only exam-site reviewers review at the SITE level"
                        : "Only exam-district reviewers review at the DISTRICT level", Map.of("level", level.name()));
    }

    static ProblemException outOfOrder() {
        return new ProblemException(409, "review-out-of-order", "该报名尚未通过考点审核,考区不能审核",
                "The exam site has not passed this registration yet: the district cannot review it");
    }

    static ProblemException notInQueue(ReviewLevel level) {
        return new ProblemException(409, "not-in-queue", "该报名目前不在待审核队列中",
                "This registration is not waiting for review at the " + level + " level", Map.of("level", level.name()));
    }

    static ProblemException notClaimed() {
        return new ProblemException(409, "not-claimed", "请先领取该报名再审核(领取可能已过期)",
                "Claim this registration before reviewing it (your claim may have expired)");
    }

    static ProblemException claimedByOther(String name) {
        return new ProblemException(409, "already-claimed", "该报名正由 " + name + " 审核",
                "Another reviewer (" + name + ") is reviewing this registration", Map.of("claimedBy", name));
    }

    static ProblemException commentRequired(String field) {
        return new ProblemException(422, "comment-required", "要求考生修改时必须填写审核意见",
                "A comment is required when asking the candidate for changes", Map.of("field", field));
    }

    static ProblemException inPerson() {
        return new ProblemException(409, "in-person-review", "本考区为现场审核:请在考生到场签到后记录审核结果",
                "This district reviews on site: check the candidate in at their appointment and record the result");
    }

    static ProblemException notInPerson() {
        return new ProblemException(409, "not-in-person-review", "本考区为网上审核,没有现场预约",
                "This district reviews online: there are no on-site appointments");
    }
}
