package cn.shenhe.material;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import java.util.List;
import java.util.Map;

/** The refusals of uploads that are about the material rules rather than the picture itself. */
final class MaterialProblems {

    private MaterialProblems() {
    }

    /**
     * An upload check refused the picture: its code is the problem's (e.g. {@code image-blurred}), its
     * words the check's; every refusing check is listed under {@code checks}.
     */
    static ProblemException checkRefused(List<CheckResult.Finding> errors) {
        CheckResult.Finding first = errors.getFirst();
        return ProblemException.coded(Problem.UPLOAD_CHECK_REFUSED, first.code(), Problem.UPLOAD_CHECK_REFUSED.status(),
                Map.of("check", first.code(), "checks", errors.stream().map(CheckResult.Finding::code).toList()), first.message());
    }

    static ProblemException unknownType(String code) {
        return Problem.MATERIAL_TYPE_NOT_FOUND.refuse(Map.of("materialType", code), code);
    }
}
