package cn.shenhe.district;

import cn.shenhe.district.DistrictPlugins.RequiredType;
import cn.shenhe.plugin.api.AppointmentSlot;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.plugin.api.ReviewMode;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problems;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * What every district publishes, without sign-in (the FAQ sends candidates to a QR code for
 * exactly this): names, sites, review mode, upload window, and the materials required with their
 * sample images.
 */
@Path("/districts")
@RequestScoped
@PermitAll
public class DistrictResource {

    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    DistrictSamples samples;

    public record SiteView(String code, LocalizedText name) {
    }

    /**
     * @param reviewMode   the review-mode plugin: online-review (网上审核) or onsite-review (现场审核)
     * @param inPerson     true when candidates book a slot and bring their originals
     * @param appointments the on-site schedule (empty for online review)
     * @param commentTemplates the district's frequent review comments, offered to its reviewers
     */
    public record DistrictView(String code, LocalizedText name, int examYear, String reviewMode,
                               LocalizedText reviewModeName, boolean inPerson, String publishOutcomes,
                               OffsetDateTime uploadOpens, OffsetDateTime uploadCloses, List<SiteView> sites,
                               List<CategoryView> categories, List<AppointmentSlot> appointments,
                               List<LocalizedText> commentTemplates) {
    }

    public record CategoryView(String code, LocalizedText name) {
    }

    public record RequirementView(String code, LocalizedText name, LocalizedText hint, String sampleUrl,
                                  int minImages, int maxImages, boolean fixedCount, boolean required,
                                  List<String> formats, long maxBytes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DistrictView> list() {
        return districts.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{district}")
    @Produces(MediaType.APPLICATION_JSON)
    public DistrictView read(@PathParam("district") String code) {
        return view(district(code));
    }

    @GET
    @Path("/{district}/requirements")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The materials asked of such a candidate")
    @APIResponse(responseCode = "422", description = "Unknown category or site (invalid-field)")
    public List<RequirementView> requirements(@PathParam("district") String code, @QueryParam("category") String category,
                                              @QueryParam("site") String site) {
        DistrictConfig d = district(code);
        RegistrationFacts facts = facts(d, category, site);
        return plugins.requirements(d, facts).stream().map(t -> requirement(d, facts, t.type())).toList();
    }

    @GET
    @Path("/{district}/material-types/{type}/sample")
    @Produces({"image/png", "image/jpeg"})
    public Response sample(@PathParam("district") String code, @PathParam("type") String type,
                           @QueryParam("category") String category, @QueryParam("site") String site) {
        DistrictConfig d = district(code);
        RequiredType t = plugins.requirement(d, facts(d, category, site), type)
                .orElseThrow(() -> Problems.notFound("该材料类型", "Material type"));
        // The district's own sample, if its administrator uploaded one; else the plugin's.
        var own = samples.find(type);
        if (own.isPresent()) {
            return Response.ok(own.get().bytes(), own.get().contentType())
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                    .tag(own.get().sha256())
                    .build();
        }
        byte[] bytes = plugins.sample(t).orElseThrow(() -> Problems.notFound("示例图片", "Sample image"));
        return Response.ok(bytes, t.type().sample().mediaType())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .build();
    }

    private DistrictConfig district(String code) {
        return districts.find(code).orElseThrow(() -> Problems.notFound("考区 " + code, "District " + code));
    }

    private static RegistrationFacts facts(DistrictConfig d, String category, String site) {
        String c = category == null ? ExamCategory.CLINICAL_PHYSICIAN.code() : category;
        if (ExamCategory.ofCode(c).isEmpty()) {
            throw InvalidField.UNKNOWN_CATEGORY.refuse("category", c);
        }
        if (site != null && d.site(site).isEmpty()) {
            throw InvalidField.UNKNOWN_SITE.refuse("site", site);
        }
        return new RegistrationFacts(d.code(), site, c, d.examYear());
    }

    /** Where a type's sample image is served, or {@code null} when it has none. */
    public static String sampleUrl(String district, MaterialType t, RegistrationFacts facts) {
        return t.sample() == null ? null : "/api/v1/districts/" + district + "/material-types/" + t.code()
                + "/sample?category=" + facts.examCategory() + (facts.site() == null ? "" : "&site=" + facts.site());
    }

    private static RequirementView requirement(DistrictConfig d, RegistrationFacts facts, MaterialType t) {
        return new RequirementView(t.code(), t.name(), t.hint(), sampleUrl(d.code(), t, facts), t.minImages(), t.maxImages(), t.fixedCount(),
                t.required(), t.formats().stream().map(f -> f.mediaType()).sorted().toList(), t.maxBytes());
    }

    private DistrictView view(DistrictConfig d) {
        ReviewMode mode = plugins.reviewMode(d);
        return new DistrictView(d.code(), d.name(), d.examYear(), mode.id(), mode.name(), mode.inPerson(),
                d.review().publishOutcomes().code(), d.uploadWindow().opens(),
                d.uploadWindow().closes(), d.sites().stream().map(s -> new SiteView(s.code(), s.name())).toList(),
                Arrays.stream(ExamCategory.values()).map(c -> new CategoryView(c.code(), c.displayName())).toList(),
                mode.slots(d.reviewSettings()), d.review().commentTemplates());
    }
}
