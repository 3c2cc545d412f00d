package cn.shenhe.plugin;

import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The plugins a district may name in its configuration, each with the schema of its settings: the
 * administrator's form is drawn from it, and a saved configuration is checked against it.
 */
@Path("/districts/{district}/plugins")
@RequestScoped
public class PluginResource {

    /** The tenant; bound and checked against the caller by TenantFilter (declared so the OpenAPI document names it). */
    @PathParam("district")
    String district;

    @Inject
    PluginCatalogue catalogue;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @APIResponse(responseCode = "200", description = "Every installed plugin: id, version, name, whether it is a review mode,"
            + " and its settings (key, type, zh/en label, group, default, required, min, max, choices, fields of list items)")
    public List<PluginCatalogue.Installed> installed() {
        return catalogue.installed();
    }
}
