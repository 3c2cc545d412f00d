package cn.shenhe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API, version 1. Callers authenticate with Keycloak access tokens (MicroProfile JWT). */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "shenhe")
@OpenAPIDefinition(info = @Info(title = "Shenhe 审核 API", version = "1.0",
        description = "Multi-tenant submission and review of exam registration materials"))
public class ShenheApplication extends Application {
}
