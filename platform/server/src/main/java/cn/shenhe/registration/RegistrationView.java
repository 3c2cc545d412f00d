package cn.shenhe.registration;

import cn.shenhe.plugin.api.LocalizedText;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A registration as its candidate (or a reviewer) sees it: status at the top, open comments
 * first, then one slot per required material type with its rules and its pictures.
 */
public record RegistrationView(String id, String district, String site, LocalizedText siteName, int examYear,
                               String category, LocalizedText categoryName, String status, LocalizedText statusLabel,
                               String rejectReason, String candidateName, Instant createdAt, Instant updatedAt,
                               boolean complete, boolean acceptsChanges, boolean inPerson, AppointmentView appointment,
                               ReviewState review, List<CommentView> comments, List<MaterialSlot> materials) {

    /**
     * Where the registration stands in review, for reviewers and admins only (null for the candidate,
     * who sees {@code status}: outcomes once published).
     */
    public record ReviewState(String status, String publishedStatus, String queueLevel, Instant queuedAt,
                              String claimedBy, Instant claimExpiresAt, boolean claimedByMe) {
    }

    /** One material type of the registration: its rules, how many pictures it has, and them. */
    public record MaterialSlot(String code, LocalizedText name, LocalizedText hint, String sampleUrl,
                               int minImages, int maxImages, boolean fixedCount, boolean required,
                               List<String> formats, long maxBytes, int count, boolean complete,
                               boolean canUpload, String uploadUrl, List<ImageView> images) {
    }

    /**
     * @param comment  the open review comment on this picture, shown next to it
     * @param warnings the codes of what the upload checks found; {@code findings} the same in words
     * @param reuse    other candidates' pictures that look the same (reviewers and admins only; empty for candidates)
     */
    public record ImageView(String id, String url, String materialType, String state, boolean locked,
                            boolean changedSinceReview, String comment,
                            int width, int height, long bytes, Instant uploadedAt, List<String> warnings,
                            List<Finding> findings, List<ReuseFlag> reuse) {
    }

    /**
     * A warning an upload check gave the picture, in the check's words (see {@link FindingLookup}); named in the
     * OpenAPI document as before registration owned it.
     *
     * @param severity always {@code warning} for a stored picture; named so that clients need not assume it
     */
    @Schema(name = "CheckFinding")
    public record Finding(String code, String severity, LocalizedText message) {
    }

    /**
     * The registration's on-site appointment (defined here, not in the appointment package, because the
     * registration's page shows it and appointment builds on registration).
     */
    public record AppointmentView(String registrationId, String candidateName, SlotView slot, String status,
                                  Instant bookedAt, Instant checkedInAt) {
    }

    /** An on-site slot with what is left of it; {@code open}: booking has not closed yet. */
    public record SlotView(String id, String site, LocalDate date, String start, String end, int capacity,
                           int booked, int remaining, boolean open) {
    }

    public record CommentView(String id, String level, String visibility, String materialType, String imageId,
                              String body, String author, Instant createdAt, boolean open) {
    }

    /** One line of a list of registrations. */
    public record Summary(String id, String site, int examYear, String category, String status,
                          LocalizedText statusLabel, String candidateName, Instant createdAt, String url) {
    }
}
