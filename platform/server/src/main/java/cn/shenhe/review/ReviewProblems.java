package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import java.util.Map;

/** The review's refusals that carry details; the rules' own are thrown by {@code Registration}. */
final class ReviewProblems {

    private ReviewProblems() {
    }

    static ProblemException notYourLevel(ReviewLevel level) {
        LocalizedText name = level == ReviewLevel.SITE ? LocalizedText.of("考点", "site") : LocalizedText.of("考区", "district");
        return Problem.WRONG_REVIEW_LEVEL.refuse(Map.of("level", level.name()), name, level.name());
    }

    static ProblemException commentRequired(String field) {
        return Problem.COMMENT_REQUIRED.refuse(Map.of("field", field));
    }
}
