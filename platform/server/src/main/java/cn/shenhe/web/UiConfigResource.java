package cn.shenhe.web;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the browser signs in: Keycloak's URL, realm and the UI's public client. Derived from the
 * issuer the server checks tokens against ({@code keycloak.issuer}), so the UI always signs in
 * where the server expects, whatever port the tests or a deployment give Keycloak.
 */
@Path("/ui-config")
@ApplicationScoped
@PermitAll
public class UiConfigResource {

    public record UiConfig(String keycloakUrl, String realm, String clientId) {
    }

    @Inject
    @ConfigProperty(name = "keycloak.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "shenhe.ui.client-id", defaultValue = "shenhe-ui")
    String clientId;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(of(issuer, clientId)).cacheControl(noCache).build();
    }

    static UiConfig of(String issuer, String clientId) {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        int at = trimmed.lastIndexOf("/realms/");
        if (at < 0) {
            throw new IllegalStateException("keycloak.issuer is not a Keycloak realm URL: " + issuer);
        }
        return new UiConfig(trimmed.substring(0, at), trimmed.substring(at + "/realms/".length()), clientId);
    }
}
