package cn.shenhe.district;

import cn.shenhe.district.ConfigDiff.Change;
import cn.shenhe.district.DistrictDirectory.Current;
import cn.shenhe.problem.Problem;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A district's configuration, for its administrator (national administrators read it): the same
 * document as {@code tenant-configs/<code>.yaml}, as JSON (default) or YAML
 * ({@code Accept: application/yaml}, the export); changed by PUT (JSON or YAML, the import), with
 * {@code If-Match: "<version>"} for optimistic concurrency; every version kept, listed, compared
 * and revertible; sample pictures per material type.
 */
@Path("/districts/{district}/config")
@RequestScoped
public class ConfigResource {

    public static final String YAML = "application/yaml";
    private static final int MAX_DOCUMENT = 200_000;

    @PathParam("district")
    String district;
    @Context
    HttpHeaders headers;
    @Inject
    ConfigAdmin admin;
    @Inject
    ConfigVersions versions;
    @Inject
    DistrictSamples samples;

    @GET
    @Produces({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Response read() {
        Current c = admin.current(district);
        return document(c.document(), c.version());
    }

    @PUT
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "Saved as a new version (or unchanged); ETag: the version")
    @APIResponse(responseCode = "400", description = "If-Match is not a version (bad-if-match), or malformed (bad-request)")
    @APIResponse(responseCode = "409", description = "The change would strand candidates (config-strands-candidates) or raced another"
            + " (config-changed-concurrently)")
    @APIResponse(responseCode = "412", description = "If-Match is not the current version (config-version-mismatch)")
    @APIResponse(responseCode = "413", description = "The document is larger than 200 KB (config-too-large)")
    @APIResponse(responseCode = "422", description = "The document is not a valid district configuration (config-invalid)")
    public Response change(InputStream body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @QueryParam("summary") String summary) throws IOException {
        String text = bounded(body);
        MediaType type = headers.getMediaType();
        boolean json = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        Object tree;
        String document;
        try {
            tree = json ? ConfigDocument.treeOfJson(text) : ConfigDocument.treeOfYaml(text);
        } catch (TenantConfigException e) {
            throw ConfigProblems.invalid(e);
        }
        // YAML is kept as sent (comments included); JSON is stored as the equivalent YAML.
        document = json ? ConfigDocument.yamlOf(tree) : text;
        ConfigAdmin.Outcome o = admin.change(district, tree, document, version(ifMatch), summary);
        return outcome(o, Response.Status.OK);
    }

    @GET
    @Path("/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public List<ConfigVersions.Entry> versions() {
        admin.current(district);
        return versions.list();
    }

    @GET
    @Path("/versions/{n}")
    @Produces({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Response version(@PathParam("n") int n) {
        ConfigVersion v = versions.find(n).orElseThrow(() -> ConfigProblems.noSuchVersion(n));
        if (wantsYaml()) {
            return document(v.document(), v.number());
        }
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("number", v.number())
                .add("author", v.authorUsername())
                .add("at", v.createdAt().toString())
                .add("summary", v.summary());
        if (v.revertedFrom() != null) {
            b.add("revertedFrom", v.revertedFrom());
        }
        b.add("config", ConfigDocument.jsonOf(ConfigDocument.treeOfYaml(v.document())));
        return Response.ok(ConfigDocument.jsonText(b.build()), MediaType.APPLICATION_JSON_TYPE)
                .tag(etag(v.number())).build();
    }

    @GET
    @Path("/versions/{n}/diff")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Response diff(@PathParam("n") int n, @QueryParam("to") Integer to) {
        int target = to == null ? admin.current(district).version() : to;
        List<Change> changes = admin.diff(district, n, target);
        JsonObjectBuilder b = Json.createObjectBuilder().add("from", n).add("to", target).add("changes", changes(changes));
        return Response.ok(ConfigDocument.jsonText(b.build()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/versions/{n}/revert")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "201", description = "The old version is saved again as a new version; ETag: the version")
    @APIResponse(responseCode = "400", description = "If-Match is not a version (bad-if-match)")
    @APIResponse(responseCode = "409", description = "The revert would strand candidates (config-strands-candidates) or raced another"
            + " change (config-changed-concurrently)")
    @APIResponse(responseCode = "412", description = "If-Match is not the current version (config-version-mismatch)")
    @APIResponse(responseCode = "422", description = "That version is no longer a valid configuration (config-invalid)")
    public Response revert(@PathParam("n") int n, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return outcome(admin.revert(district, n, version(ifMatch)), Response.Status.CREATED);
    }

    @POST
    @Path("/reload")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "Reloaded from the tenant-config folder; ETag: the version")
    @APIResponse(responseCode = "422", description = "The file is not a valid district configuration (config-invalid)")
    public Response reload() {
        Current c = admin.reload(district);
        return Response.ok(ConfigDocument.jsonText(Json.createObjectBuilder().add("version", c.version()).build()),
                MediaType.APPLICATION_JSON_TYPE).tag(etag(c.version())).build();
    }

    @PUT
    @Path("/samples/{type}")
    @Consumes({"image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "The sample picture is stored")
    @APIResponse(responseCode = "400", description = "Empty body (empty-file)")
    @APIResponse(responseCode = "413", description = "The picture is too large (file-too-large)")
    @APIResponse(responseCode = "415", description = "Not a JPEG or PNG (format-not-accepted)")
    @APIResponse(responseCode = "422", description = "Unreadable or too large in pixels (image-unreadable, image-dimensions-too-large)")
    public Response putSample(@PathParam("type") String type, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) DistrictSamples.MAX_BYTES + 1);
        DistrictSample s = samples.put(admin.current(district).config(), type, bytes);
        String url = "/api/v1/districts/" + district + "/material-types/" + type + "/sample";
        return Response.ok(ConfigDocument.jsonText(Json.createObjectBuilder()
                        .add("materialType", type).add("contentType", s.contentType()).add("bytes", s.byteCount())
                        .add("sha256", s.sha256()).add("url", url).build()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @DELETE
    @Path("/samples/{type}")
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "204", description = "The sample picture is removed")
    public Response deleteSample(@PathParam("type") String type) {
        admin.current(district);
        if (!samples.remove(type)) {
            throw DistrictSamples.notFound(type);
        }
        return Response.noContent().build();
    }

    private Response document(String yaml, int version) {
        if (wantsYaml()) {
            return Response.ok(yaml, new MediaType("application", "yaml", "UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + district + ".yaml\"")
                    .tag(etag(version)).build();
        }
        return Response.ok(ConfigDocument.jsonText(ConfigDocument.jsonOf(ConfigDocument.treeOfYaml(yaml))), MediaType.APPLICATION_JSON_TYPE)
                .tag(etag(version)).build();
    }

    private Response outcome(ConfigAdmin.Outcome o, Response.Status created) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("version", o.version())
                .add("changed", !o.changes().isEmpty() || created == Response.Status.CREATED)
                .add("summary", o.summary())
                .add("changes", changes(o.changes()));
        return Response.status(o.changes().isEmpty() && created != Response.Status.CREATED ? Response.Status.OK : created)
                .entity(ConfigDocument.jsonText(b.build())).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(etag(o.version())).build();
    }

    private static JsonArrayBuilder changes(List<Change> changes) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Change c : changes) {
            a.add(Json.createObjectBuilder().add("path", c.path())
                    .add("before", ConfigDocument.jsonOf(c.before()))
                    .add("after", ConfigDocument.jsonOf(c.after())));
        }
        return a;
    }

    /** YAML when the caller prefers it to JSON; JSON otherwise. */
    private boolean wantsYaml() {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isWildcardType() || m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (m.getSubtype().equals("yaml") || m.getSubtype().equals("x-yaml")) {
                return true;
            }
        }
        return false;
    }

    private static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** {@code If-Match: "3"} (or 3, W/"3"); {@code *} or absent: no condition. */
    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "").trim();
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw ConfigProblems.badIfMatch(ifMatch);
        }
    }

    private static String bounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_DOCUMENT + 1);
        if (bytes.length > MAX_DOCUMENT) {
            throw Problem.CONFIG_TOO_LARGE.refuse();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
