package cn.shenhe.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not the JSON expected: 400, not a server error. */
@Provider
public class JsonbMapper implements ExceptionMapper<JsonbException> {

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(JsonbException e) {
        return ProblemDocument.response(Problem.INVALID_JSON.refuse(),
                headers, uriInfo == null ? null : uriInfo.getPath());
    }
}
