package cn.shenhe.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.stream.Collectors;

/** Bean Validation failures: 422 {@code validation-failed}, each bad field named. */
@Provider
public class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        return ProblemDocument.response(of(e), headers, uriInfo == null ? null : uriInfo.getPath());
    }

    static ProblemException of(ConstraintViolationException e) {
        Map<String, String> fields = e.getConstraintViolations().stream().collect(Collectors.toMap(
                v -> lastNode(v.getPropertyPath().toString()), v -> v.getMessage(), (a, b) -> a, java.util.TreeMap::new));
        String list = fields.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue()).collect(Collectors.joining("; "));
        return Problem.VALIDATION_FAILED.refuse(Map.of("fields", fields), list);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
