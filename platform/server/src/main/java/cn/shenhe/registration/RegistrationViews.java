package cn.shenhe.registration;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.district.DistrictPlugins.RequiredType;
import cn.shenhe.district.DistrictResource;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.registration.RegistrationView.CommentView;
import cn.shenhe.registration.RegistrationView.ImageView;
import cn.shenhe.registration.RegistrationView.MaterialSlot;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds what a caller sees of a registration; candidates never see internal notes. */
@ApplicationScoped
public class RegistrationViews {

    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    CommentLookup commentLookup;
    @Inject
    RequestContext request;
    @Inject
    AppointmentLookup appointments;
    @Inject
    ReuseLookup reuseLookup;
    @Inject
    FindingLookup findingLookup;

    /** Where a registration is read; its pictures and material slots live below it. */
    public static String url(String district, String registrationId) {
        return "/api/v1/districts/" + district + "/registrations/" + registrationId;
    }

    public RegistrationView of(Registration r) {
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        String base = url(d.code(), r.id());
        List<MaterialImage> images = r.images();
        List<CommentView> comments = commentLookup.visible(r, staffView());
        // The newest open comment the candidate can read on each picture, shown next to it.
        Map<String, String> imageComments = comments.stream()
                .filter(c -> c.open() && c.imageId() != null && CommentLookup.FOR_CANDIDATE.equals(c.visibility()))
                .sorted(Comparator.comparing(CommentView::createdAt))
                .collect(Collectors.toMap(CommentView::imageId, CommentView::body, (older, newer) -> newer));
        boolean open = r.acceptsChanges() && d.uploadWindow().isOpenAt(Instant.now());
        Map<String, List<ReuseFlag>> reuse = reuseLookup.flags(d.code(), r, request.caller());
        List<RequiredType> required = plugins.requirements(d, r.facts(d.code()));
        Completeness completeness = Completeness.of(required.stream().map(RequiredType::type).toList());
        List<MaterialSlot> slots = required.stream()
                .map(t -> slot(d, r, t, images, base, open, imageComments, reuse, completeness))
                .toList();
        boolean complete = completeness.metBy(images);
        LocalizedText siteName = d.site(r.siteCode()).map(DistrictConfig.Site::name).orElse(LocalizedText.of(r.siteCode(), r.siteCode()));
        RegistrationStatus shown = shownStatus(r);
        boolean inPerson = plugins.reviewMode(d).inPerson();
        return new RegistrationView(r.id(), d.code(), r.siteCode(), siteName, r.examYear(), r.examCategory().code(),
                r.examCategory().displayName(), shown.name(), shown.label(),
                shown == RegistrationStatus.REJECTED ? r.rejectReason() : null, r.candidateName(),
                r.createdAt(), r.updatedAt(), complete, open, inPerson,
                inPerson ? appointments.of(r).orElse(null) : null, reviewState(r), comments(comments), slots);
    }

    /** Candidates see outcomes once published; reviewers and admins see where it really stands. */
    private RegistrationStatus shownStatus(Registration r) {
        return staffView() ? r.status() : r.publishedStatus();
    }

    private boolean staffView() {
        return request.caller().isDistrictStaff() || request.caller().isNationalAdmin();
    }

    private RegistrationView.ReviewState reviewState(Registration r) {
        if (!staffView()) {
            return null;
        }
        Instant now = Instant.now();
        boolean claimed = r.claimLive(now);
        return new RegistrationView.ReviewState(r.status().name(), r.publishedStatus().name(),
                r.queueLevel().map(Enum::name).orElse(null), r.queuedAt(), claimed ? r.claimedByName() : null,
                claimed ? r.claimExpiresAt() : null, r.claimedBy(request.caller().subject(), now));
    }

    public RegistrationView.Summary summary(Registration r) {
        RegistrationStatus shown = shownStatus(r);
        return new RegistrationView.Summary(r.id(), r.siteCode(), r.examYear(), r.examCategory().code(), shown.name(),
                shown.label(), r.candidateName(), r.createdAt(),
                url(request.district(), r.id()));
    }

    private MaterialSlot slot(DistrictConfig d, Registration r, RequiredType required, List<MaterialImage> all,
                              String base, boolean open, Map<String, String> imageComments, Map<String, List<ReuseFlag>> reuse,
                              Completeness completeness) {
        MaterialType t = required.type();
        List<ImageView> images = all.stream()
                .filter(m -> m.materialType().equals(t.code()))
                .map(m -> image(m, base, imageComments.get(m.id()), reuse.getOrDefault(m.id(), List.of())))
                .toList();
        int count = images.size();
        return new MaterialSlot(t.code(), t.name(), t.hint(),
                DistrictResource.sampleUrl(d.code(), t, r.facts(d.code())),
                t.minImages(), t.maxImages(), t.fixedCount(), t.required(),
                t.formats().stream().map(f -> f.mediaType()).sorted().toList(), t.maxBytes(),
                count, completeness.metBy(t.code(), count), open && count < t.maxImages(),
                base + "/materials/" + t.code() + "/images", images);
    }

    /** A picture as its registration shows it (without comment or reuse flags: one just uploaded has none yet). */
    public ImageView image(MaterialImage m, String base) {
        return image(m, base, null, List.of());
    }

    private ImageView image(MaterialImage m, String base, String comment, List<ReuseFlag> reuse) {
        List<String> warnings = m.checkWarnings() == null ? List.of() : Arrays.asList(m.checkWarnings().split(","));
        return new ImageView(m.id(), base + "/images/" + m.id(), m.materialType(), m.state().name(), m.locked(),
                m.changedSinceReview(), comment, m.width(), m.height(), m.storedBytes(), m.uploadedAt(), warnings,
                findingLookup.findings(m), reuse);
    }

    /** Open comments first (the top of the candidate's page), newest first within each group. */
    private static List<CommentView> comments(List<CommentView> visible) {
        return visible.stream()
                .sorted(Comparator.comparing(CommentView::open).reversed()
                        .thenComparing(CommentView::createdAt, Comparator.reverseOrder()))
                .toList();
    }
}
