package cn.shenhe.material;

import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.problem.ProblemException;
import java.util.List;
import java.util.Map;

/** The refusals of uploads that are about the material rules rather than the picture itself. */
final class MaterialProblems {

    private MaterialProblems() {
    }

    /**
     * The registration is past filling in. While its outcome is unpublished the candidate still sees 填报:
     * the refusal must not tell them the site has decided, only that the materials are under review.
     */
    static ProblemException registrationLocked(cn.shenhe.registration.Registration r) {
        if (r.outcomeUnpublished()) {
            return new ProblemException(409, "registration-locked", "材料正在审核中,暂时不能修改",
                    "Your materials are under review: they cannot be changed for now");
        }
        return new ProblemException(409, "registration-locked", "报名已进入审核结果阶段,材料不能再修改",
                "The registration is past the filling-in stage: its materials can no longer change");
    }

    static ProblemException countLimitReached(MaterialType type) {
        return new ProblemException(409, "count-limit-reached",
                "「" + type.name().zh() + "」最多上传 " + type.maxImages() + " 张,已达到上限;如需更换,请先删除一张",
                type.name().en() + " takes at most " + type.maxImages() + " picture(s); delete one to replace it",
                Map.of("materialType", type.code(), "maxImages", type.maxImages()));
    }

    static ProblemException uploadWindowClosed(String opens, String closes) {
        return new ProblemException(409, "upload-window-closed",
                "现在不在本考区的材料上传时间内(" + opens + " 至 " + closes + ")",
                "Uploads are closed: this district accepts them from " + opens + " to " + closes,
                Map.of("opens", opens, "closes", closes));
    }

    /**
     * An upload check refused the picture: its code is the problem's (e.g. {@code image-blurred}), its
     * words the check's; every refusing check is listed under {@code checks}.
     */
    static ProblemException checkRefused(List<CheckResult.Finding> errors) {
        CheckResult.Finding first = errors.getFirst();
        return new ProblemException(422, first.code(), first.message().zh(), first.message().en(),
                Map.of("check", first.code(), "checks", errors.stream().map(CheckResult.Finding::code).toList()));
    }

    static ProblemException unknownType(String code) {
        return new ProblemException(404, "material-type-not-found", "本报名不需要这类材料:" + code,
                "This registration has no material type " + code, Map.of("materialType", code));
    }
}
