package cn.shenhe.material;

import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.problem.ProblemException;
import java.util.Map;

/** The refusals of uploads that are about the material rules rather than the picture itself. */
final class MaterialProblems {

    private MaterialProblems() {
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

    static ProblemException unknownType(String code) {
        return new ProblemException(404, "material-type-not-found", "本报名不需要这类材料:" + code,
                "This registration has no material type " + code, Map.of("materialType", code));
    }
}
