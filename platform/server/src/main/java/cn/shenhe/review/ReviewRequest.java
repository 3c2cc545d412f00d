package cn.shenhe.review;

import java.util.List;

/**
 * A reviewer's decisions on a registration they have claimed, at their level.
 *
 * @param images    per-picture decisions (online review): APPROVE locks it; REQUEST_CHANGES needs a comment
 * @param comments  further comments, on the registration or one material type, for the candidate or internal
 * @param materials per-material results of an in-person check (on-site review): ORIGINALS_SEEN or PROBLEM
 * @param outcome   optional: PASS or RETURN (SITE level), APPROVE, REJECT or RETURN (DISTRICT level)
 * @param reason    why a registration is rejected (required for REJECT)
 */
public record ReviewRequest(String level, List<ImageDecision> images, List<NewComment> comments,
                            List<MaterialResult> materials, String outcome, String reason) {

    public record ImageDecision(String imageId, String decision, String comment) {
    }

    public record NewComment(String body, String visibility, String materialType) {
    }

    public record MaterialResult(String materialType, String result, String comment) {
    }

    public List<ImageDecision> images() {
        return images == null ? List.of() : images;
    }

    public List<NewComment> comments() {
        return comments == null ? List.of() : comments;
    }

    public List<MaterialResult> materials() {
        return materials == null ? List.of() : materials;
    }
}
