package cn.shenhe.national;

import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A district's results (every registration and its status) for its administrators, as CSV or XLSX. */
@Path("/districts/{district}/exports")
@RequestScoped
public class ResultsExportResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    Oversight oversight;
    @Inject
    PersonalDataReads reads;

    @GET
    @Path("/results.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "The district's results as CSV (UTF-8 with BOM, for Excel)")
    public Response csv() {
        reads.ofDistrict(PersonalDataReads.EXPORT, java.util.Map.of("format", "csv"));
        return Exports.csv(district + "-results", out -> oversight.writeResults(district, out));
    }

    @GET
    @Path("/results.xlsx")
    @Produces(XlsxWriter.MEDIA_TYPE)
    @RolesAllowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "The district's results as an XLSX workbook")
    public Response xlsx() {
        reads.ofDistrict(PersonalDataReads.EXPORT, java.util.Map.of("format", "xlsx"));
        return Exports.xlsx(district + "-results", "审核结果", out -> oversight.writeResults(district, out));
    }
}
