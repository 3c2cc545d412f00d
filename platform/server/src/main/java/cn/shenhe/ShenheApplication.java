package cn.shenhe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, version 1. Callers authenticate with Keycloak access tokens (MicroProfile JWT).
 * The one OpenID Connect scheme lets the OpenAPI scanner mark each {@code @RolesAllowed} operation
 * as needing a token, with its roles; {@code cn.shenhe.web.OpenApiProblems} points its URL at the
 * configured issuer and documents the refusals.
 */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "shenhe")
@OpenAPIDefinition(info = @Info(title = "Shenhe 审核 API", version = "1.0",
        description = "Multi-tenant submission and review of exam registration materials"))
@SecurityScheme(securitySchemeName = "keycloak", type = SecuritySchemeType.OPENIDCONNECT,
        openIdConnectUrl = "http://localhost:8180/realms/shenhe/.well-known/openid-configuration",
        description = "Keycloak access token (Authorization: Bearer), realm shenhe")
public class ShenheApplication extends Application {
}
