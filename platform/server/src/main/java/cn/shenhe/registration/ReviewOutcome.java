package cn.shenhe.registration;

import cn.shenhe.problem.InvalidField;

/**
 * What a reviewer concludes about a registration: 考点通过 (PASS, the site), 审核通过 / 审核拒绝
 * (APPROVE, REJECT, the district), or back to the candidate for changes (RETURN, either level).
 */
public enum ReviewOutcome {
    PASS, RETURN, APPROVE, REJECT;

    public boolean allowedAt(ReviewLevel level) {
        return this == RETURN || (level == ReviewLevel.SITE ? this == PASS : this != PASS);
    }

    /** @throws cn.shenhe.problem.ProblemException 422 invalid-field (outcome) when not a conclusion of that level */
    public void checkAllowedAt(ReviewLevel level) {
        if (!allowedAt(level)) {
            throw InvalidField.OUTCOME_NOT_AT_LEVEL.refuse("outcome", this, level);
        }
    }
}
