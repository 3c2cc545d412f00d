package cn.shenhe.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: unwraps a ProblemException buried in a transaction or validation wrapper, answers a
 * lost database connection with 503 {@code database-unavailable}, and turns anything else into a 500 problem whose incident id is in the log (never the stack trace
 * in the response).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable e) {
        String path = uriInfo == null ? null : uriInfo.getPath();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return ProblemDocument.response(p, headers, path);
            }
            if (t instanceof ConstraintViolationException cve) {
                return ProblemDocument.response(ValidationMapper.of(cve), headers, path);
            }
            if (t instanceof jakarta.ws.rs.WebApplicationException w) {
                return new WebApplicationExceptionMapper().toResponse(w);
            }
            if (t instanceof SQLException sql && DatabaseOutage.is(sql)) {
                LOG.log(Level.WARNING, "Database unreachable at " + path + ": " + sql);
                return ProblemDocument.response(DatabaseOutage.problem(), headers, path);
            }
            if (t == t.getCause()) {
                break;
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident + " at " + path, e);
        return ProblemDocument.response(Problems.internalError(500, incident), headers, path);
    }
}
