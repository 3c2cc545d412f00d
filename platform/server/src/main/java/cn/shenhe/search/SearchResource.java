package cn.shenhe.search;

import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.security.RequestContext;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Search within a district, for its staff (site reviewers: their site only) and national
 * administrators; candidates may not search (403). Rebuilding the index is the district
 * administrator's.
 */
@Path("/districts/{district}/search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    RequestContext request;
    @Inject
    SearchService search;
    @Inject
    IndexRebuilds rebuilds;
    @Inject
    PersonalDataReads reads;

    @GET
    @RolesAllowed({Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "Search registrations and review comments",
            description = "q: name fragment, ID-number or phone ending, registration id, comment words."
                    + " The Server-Timing header tells what each stage of the search took.")
    @APIResponse(responseCode = "200", description = "A page of hits with the total and facet counts",
            content = @Content(schema = @Schema(implementation = SearchResult.class)))
    @APIResponse(responseCode = "422", description = "q too long, sort unknown or offset past the window (invalid-field)")
    public Response search(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("site") String site,
                               @QueryParam("category") String category,
                               @QueryParam("openComments") @DefaultValue("false") boolean openComments,
                               @QueryParam("sort") @DefaultValue("relevance") String sort,
                               @QueryParam("offset") @DefaultValue("0") int offset,
                               @QueryParam("limit") @DefaultValue("20") int limit) {
        // The caller's own limit (a site reviewer's site) comes from the token, whatever the parameters say.
        SearchRequest query = SearchRequest.fromParameters(q, status, site, category, openComments, sort,
                offset, limit, request.caller().siteLimit());
        long start = System.nanoTime();
        SearchResult result = reads.ofDistrict(PersonalDataReads.SEARCH, java.util.Map.of("q", q == null ? "" : q),
                () -> search.search(district, query));
        return SearchResult.ok(result, (System.nanoTime() - start) / 1000);
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Rebuild the district's search index from the database, in the background",
            description = "202 with the rebuild's status (Location: where to follow it); while one runs, that one's status."
                    + " Searches meanwhile answer from the index as it was.")
    @APIResponse(responseCode = "202", description = "The rebuild started (or was already running)",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    public Response rebuild(@Context UriInfo uri) {
        return Response.accepted(rebuilds.start(district)).location(uri.getAbsolutePath()).build();
    }

    @GET
    @Path("/rebuild")
    @RolesAllowed({Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    @Operation(summary = "The district's running or last index rebuild: state, registrations, time, index size")
    public RebuildStatus rebuildStatus() {
        return rebuilds.status(district);
    }
}
