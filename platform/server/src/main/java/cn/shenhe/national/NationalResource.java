package cn.shenhe.national;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.search.SearchRequest;
import cn.shenhe.search.SearchResult;
import cn.shenhe.search.SearchService;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** National oversight, for national administrators only: status, search across districts, summary exports. */
@Path("/national")
@RequestScoped
@RolesAllowed(Role.NATIONAL_ADMIN)
public class NationalResource {

    @Inject
    Oversight oversight;
    @Inject
    SearchService search;
    @Inject
    PersonalDataReads reads;
    @Inject
    DistrictDirectory districts;

    @GET
    @Path("/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counts by district and status, review backlog, median time to decision, daily progress")
    public NationalStatus status() throws SQLException {
        return oversight.status();
    }

    @GET
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search registrations and comments across districts (or one: district=)")
    @APIResponse(responseCode = "200", description = "A page of hits with the total and facet counts",
            content = @Content(schema = @Schema(implementation = SearchResult.class)))
    @APIResponse(responseCode = "422", description = "Unknown district, q too long, sort unknown or offset past the window (invalid-field)")
    public Response search(@QueryParam("q") String q, @QueryParam("district") String district,
                               @QueryParam("status") String status, @QueryParam("site") String site,
                               @QueryParam("category") String category,
                               @QueryParam("openComments") @DefaultValue("false") boolean openComments,
                               @QueryParam("sort") @DefaultValue("relevance") String sort,
                               @QueryParam("offset") @DefaultValue("0") int offset,
                               @QueryParam("limit") @DefaultValue("20") int limit) {
        List<String> targets = district == null || district.isBlank()
                ? districts.all().stream().map(DistrictConfig::code).toList()
                : List.of(districts.find(district.strip()).map(DistrictConfig::code)
                        .orElseThrow(() -> InvalidField.UNKNOWN_DISTRICT.refuse("district", district)));
        SearchRequest request = SearchRequest.fromParameters(q, status, site, category, openComments, sort, offset, limit,
                Optional.empty());
        reads.acrossDistricts(targets, PersonalDataReads.SEARCH, java.util.Map.of("q", q == null ? "" : q, "scope", "national"));
        return SearchResult.ok(search.searchAcross(targets, request));
    }

    @GET
    @Path("/exports/summary.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @Operation(summary = "The national summary as CSV (UTF-8 with BOM, for Excel)")
    public Response summaryCsv() {
        return Exports.csv("national-summary", oversight::writeSummary);
    }

    @GET
    @Path("/exports/summary.xlsx")
    @Produces(XlsxWriter.MEDIA_TYPE)
    @Operation(summary = "The national summary as an XLSX workbook")
    public Response summaryXlsx() {
        return Exports.xlsx("national-summary", "全国汇总", oversight::writeSummary);
    }
}
