package cn.shenhe.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The JAX-RS runtime's own refusals (no such path, wrong method or media type, ...) as problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemException p = switch (status) {
            case 400 -> new ProblemException(400, "bad-request", "请求格式不正确", "The request is malformed");
            case 401 -> new ProblemException(401, "unauthenticated", "请先登录", "Please sign in");
            case 403 -> Problems.forbidden();
            case 404 -> Problems.notFound("该资源", "Resource");
            case 405 -> new ProblemException(405, "method-not-allowed", "不支持此操作", "Method not allowed");
            case 406 -> new ProblemException(406, "not-acceptable", "无法提供所请求的格式", "Cannot produce the requested format");
            case 411 -> new ProblemException(411, "length-required", "请求缺少长度信息", "Content-Length is required");
            case 413 -> new ProblemException(413, "file-too-large", "文件太大", "The request body is too large");
            case 415 -> new ProblemException(415, "unsupported-media-type", "不支持此内容类型", "Unsupported content type");
            default -> status >= 500
                    ? new ProblemException(status, "internal-error", "服务器内部错误,请稍后重试", "Internal server error; please try again later")
                    : new ProblemException(status, "http-" + status, "请求被拒绝", "Request refused");
        };
        return Problem.response(p, headers, uriInfo == null ? null : uriInfo.getPath());
    }
}
