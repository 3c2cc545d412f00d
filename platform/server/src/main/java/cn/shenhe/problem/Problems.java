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

    /** The refusal the HTTP runtime itself gives (no such path, wrong method or media type, ...) with that status. */
    public static ProblemException ofStatus(int status) {
        return switch (status) {
            case 400 -> new ProblemException(400, "bad-request", "请求格式不正确", "The request is malformed");
            case 401 -> new ProblemException(401, "unauthenticated", "请先登录", "Please sign in");
            case 403 -> forbidden();
            case 404 -> notFound("该资源", "Resource");
            case 405 -> new ProblemException(405, "method-not-allowed", "不支持此操作", "Method not allowed");
            case 406 -> new ProblemException(406, "not-acceptable", "无法提供所请求的格式", "Cannot produce the requested format");
            case 411 -> new ProblemException(411, "length-required", "请求缺少长度信息", "Content-Length is required");
            case 413 -> new ProblemException(413, "file-too-large", "文件太大", "The request body is too large");
            case 415 -> new ProblemException(415, "unsupported-media-type", "不支持此内容类型", "Unsupported content type");
            default -> status >= 500
                    ? new ProblemException(status, "internal-error", "服务器内部错误,请稍后重试", "Internal server error; please try again later")
                    : new ProblemException(status, "http-" + status, "请求被拒绝", "Request refused");
        };
    }
}
