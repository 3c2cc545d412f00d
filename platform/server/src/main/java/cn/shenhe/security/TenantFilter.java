package cn.shenhe.security;

import cn.shenhe.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Binds the caller and the district of every API request. Runs after authentication (the
 * container has checked the token) and before role checks, so that another district's URL is a
 * 404 whatever the caller's role. A district that does not exist, or is not the caller's, is a 404: whether another
 * district's registration exists is itself not the caller's to know.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class TenantFilter implements ContainerRequestFilter {

    @Inject
    RequestContext context;
    @Inject
    Tenants districts;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = callerOf(request.getSecurityContext().getUserPrincipal());
        String district = request.getUriInfo().getPathParameters().getFirst("district");
        if (district != null) {
            if (!districts.exists(district)) {
                throw Problems.notFound("考区 " + district, "District " + district);
            }
            if (caller.authenticated() && !isPublic()) {
                if (caller.isNationalAdmin()) {
                    if (!isRead(request.getMethod())) {
                        throw Problems.readOnly();
                    }
                } else if (!district.equals(caller.district())) {
                    throw Problems.notFound("该资源", "Resource");
                }
            }
        } else if (caller.isNationalAdmin() && !isRead(request.getMethod())) {
            throw Problems.readOnly();
        }
        context.bind(caller, district);
    }

    /** Published information (districts, requirements, samples) is the same for everyone. */
    private boolean isPublic() {
        return resource != null && resource.getResourceClass() != null
                && (resource.getResourceClass().isAnnotationPresent(PermitAll.class)
                || resource.getResourceMethod().isAnnotationPresent(PermitAll.class));
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    static Caller callerOf(Principal principal) {
        if (!(principal instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Caller.ANONYMOUS;
        }
        Set<String> roles = jwt.getGroups() == null ? Set.of() : new HashSet<>(jwt.getGroups());
        String username = claim(jwt, "preferred_username");
        return new Caller(jwt.getSubject(), username == null ? jwt.getName() : username, displayName(jwt), roles,
                claim(jwt, "district"), claim(jwt, "site"), "true".equals(claim(jwt, "email_verified")) ? claim(jwt, "email") : null,
                claim(jwt, "id_number"), claim(jwt, "phone_number"));
    }

    /** Chinese names read family name first (张伟), which Keycloak's {@code name} claim does not. */
    private static String displayName(JsonWebToken jwt) {
        String family = claim(jwt, "family_name");
        String given = claim(jwt, "given_name");
        if (family != null && given != null && (family + given).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return family + given;
        }
        String name = claim(jwt, "name");
        return name == null ? "" : name;
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v == null) {
            return null;
        }
        if (v instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return v.toString();
    }
}
