package cn.shenhe.web;

import cn.shenhe.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document so that a district's IT can generate a client from it: every
 * refusal is an RFC 9457 problem ({@code application/problem+json}, schema {@code Problem}), and
 * each operation lists the refusals it can give.
 * <ul>
 * <li>Refusals particular to an operation are declared on its method, one
 * {@code @APIResponse(responseCode = "409", description = "<the codes>")} per status; this filter
 * gives them the problem body, so the annotation stays one line.</li>
 * <li>Refusals that every operation of a kind gives are added here by rule, as references to
 * {@code components.responses}: 500 and 503 for all; 401 and 403 where a role is required (the
 * operation has a security requirement, which the scanner derives from {@code @RolesAllowed});
 * 404 where the path names a district or anything else; 400 and 415 where a body is read.</li>
 * </ul>
 * The Keycloak sign-in is described as OpenID Connect discovery under the issuer the server
 * checks tokens against ({@code keycloak.issuer}), as {@link UiConfigResource} does for the UI.
 */
public class OpenApiProblems implements OASFilter {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String SCHEMA = "Problem";
    static final String SECURITY_SCHEME = "keycloak";

    /**
     * A refusal every operation of a kind gives: its name in {@code components.responses}, what it means, and the
     * catalogue's problems it stands for, which give its status and codes.
     */
    record Shared(String name, String meaning, Problem... problems) {

        Shared {
            if (Arrays.stream(problems).map(Problem::status).distinct().count() != 1) {
                throw new IllegalArgumentException(name + ": one status, from at least one problem: " + Arrays.toString(problems));
            }
        }

        String status() {
            return String.valueOf(problems[0].status());
        }

        String description() {
            return meaning + " (" + Arrays.stream(problems).map(Problem::code).distinct().collect(Collectors.joining(", ")) + ")";
        }
    }

    /** By status. */
    static final Map<String, Shared> SHARED = Stream.of(
            new Shared("BadRequest", "The request is malformed", Problem.BAD_REQUEST, Problem.INVALID_JSON),
            new Shared("Unauthenticated", "No valid access token", Problem.UNAUTHENTICATED),
            new Shared("Forbidden", "The caller's role may not do this; national administrators read only",
                    Problem.FORBIDDEN, Problem.READ_ONLY),
            new Shared("NotFound", "Not there, or not the caller's to see, which are never told apart: a district other than"
                    + " the caller's, or an id the district does not hold", Problem.NOT_FOUND),
            new Shared("UnsupportedMediaType", "The body's Content-Type is not accepted", Problem.UNSUPPORTED_MEDIA_TYPE),
            new Shared("InternalError", "Unexpected failure", Problem.INTERNAL_ERROR),
            new Shared("Unavailable", "The database or the object store is unreachable: retry after Retry-After",
                    Problem.DATABASE_UNAVAILABLE, Problem.STORAGE_UNAVAILABLE))
            .collect(Collectors.toMap(Shared::status, s -> s, (a, b) -> {
                throw new IllegalStateException("two shared refusals of status " + a.status());
            }, LinkedHashMap::new));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            api.setComponents(components);
        }
        components.addSchema(SCHEMA, problemSchema());
        for (Shared s : SHARED.values()) {
            components.addResponse(s.name(), OASFactory.createAPIResponse().description(s.description()).content(problemContent()));
        }
        if (components.getSecuritySchemes() != null && components.getSecuritySchemes().containsKey(SECURITY_SCHEME)) {
            issuer().ifPresent(i -> api.getComponents().getSecuritySchemes().get(SECURITY_SCHEME)
                    .setOpenIdConnectUrl(i.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> {
                if (item.getOperations() != null) {
                    item.getOperations().values().forEach(op -> complete(path, op));
                }
            });
        }
    }

    /** The refusals of one operation: its own given the problem body, the shared ones added by rule. */
    static void complete(String path, Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        Map<String, APIResponse> declared = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        for (Map.Entry<String, APIResponse> e : declared.entrySet()) {
            APIResponse r = e.getValue();
            if (isRefusal(e.getKey()) && r.getRef() == null && r.getContent() == null) {
                r.setContent(problemContent());
            }
        }
        for (String status : sharedStatuses(path, op)) {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(SHARED.get(status).name()));
            }
        }
    }

    static List<String> sharedStatuses(String path, Operation op) {
        List<String> statuses = new ArrayList<>();
        if (op.getRequestBody() != null) {
            statuses.add("400");
        }
        if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
            statuses.add("401");
            statuses.add("403");
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (op.getRequestBody() != null) {
            statuses.add("415");
        }
        statuses.add("500");
        statuses.add("503");
        return statuses;
    }

    private static boolean isRefusal(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    /** The members {@code cn.shenhe.problem.Problem} writes; a refusal may add its own (maxBytes, fields, ...). */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(SchemaType.STRING);
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem. title and detail follow Accept-Language (zh-CN unless English is"
                        + " preferred); messages carries both. Act on code, which is stable.")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("code", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The refusal's stable, machine-readable code, e.g. registration-locked"))
                .addProperty("messages", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .addProperty("zh-CN", text).addProperty("en", text))
                .required(List.of("type", "title", "status", "code", "messages"));
    }

    private static Optional<String> issuer() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("keycloak.issuer", String.class);
        } catch (IllegalStateException e) {
            return Optional.empty();   // no config while the document is built: the annotation's URL stays
        }
    }
}
