package cn.shenhe.problem;

import java.util.Map;

/** The refusals shared across the domain, so each code has one wording. */
public final class Problems {

    private Problems() {
    }

    /** Not there, or not the caller's to see: the two are never told apart. */
    public static ProblemException notFound(String whatZh, String whatEn) {
        return new ProblemException(404, "not-found", "找不到" + whatZh, whatEn + " not found");
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden", "您没有执行此操作的权限", "You may not do this");
    }

    public static ProblemException readOnly() {
        return new ProblemException(403, "read-only", "国家级管理员只能查看,不能修改", "National administrators may read but not change");
    }

    public static ProblemException invalid(String field, String zh, String en) {
        return new ProblemException(422, "invalid-field", field + ":" + zh, field + ": " + en, Map.of("field", field));
    }
}
