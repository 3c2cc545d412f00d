package cn.shenhe.review;

import cn.shenhe.audit.AuditEvent;
import cn.shenhe.audit.AuditLog;
import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.material.MaterialLedger;
import cn.shenhe.registration.IdNumber;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds a registration's {@link ReviewContext} for the staff who may see the registration; the read is audited first. */
@ApplicationScoped
public class ReviewContexts {

    @Inject
    RegistrationService registrations;
    @Inject
    AuditLog audit;
    @Inject
    PersonalDataReads reads;

    public ReviewContext of(String registrationId) {
        Registration r = registrations.findVisible(registrationId);
        reads.ofRegistration(r.id(), AuditLog.IDENTITY_VIEWED, Map.of());
        List<AuditEvent> trail = audit.about("registration", r.id(), List.of(ReviewService.DECIDED, MaterialLedger.IMAGE_DELETED));
        return new ReviewContext(identity(r),
                trail.stream().filter(e -> e.action().equals(ReviewService.DECIDED)).map(ReviewContexts::decision).toList(),
                changes(r, trail));
    }

    private static ReviewContext.Identity identity(Registration r) {
        if (r.idNumber() == null) {
            return new ReviewContext.Identity(r.candidateName(), null, null, null, null, r.phone());
        }
        IdNumber.Reading read = IdNumber.read(r.idNumber());
        return new ReviewContext.Identity(r.candidateName(), r.idNumber(), read.birthDate(),
                read.sex() == null ? null : read.sex().name(), read.checksumValid(), r.phone());
    }

    /** The detail ReviewService writes: the level, "imageId:DECISION,..." and the outcome if any. */
    private static ReviewContext.Decision decision(AuditEvent e) {
        JsonObject d = e.details();
        List<String> images = Arrays.stream(d.getString("images", "").split(",")).filter(s -> !s.isEmpty()).toList();
        return new ReviewContext.Decision(e.at(), d.getString("level", null), e.actorUsername(), e.actorRole(),
                d.getString("outcome", null), count(images, ":APPROVE"), count(images, ":REQUEST_CHANGES"));
    }

    private static int count(List<String> images, String suffix) {
        return (int) images.stream().filter(s -> s.endsWith(suffix)).count();
    }

    private static ReviewContext.Changes changes(Registration r, List<AuditEvent> trail) {
        Instant since = r.lastReviewedAt();
        if (since == null) {
            return new ReviewContext.Changes(null, List.of(), List.of());
        }
        return new ReviewContext.Changes(since,
                r.images().stream().filter(m -> m.uploadedAt().isAfter(since)).map(MaterialImage::id).toList(),
                trail.stream().filter(e -> e.action().equals(MaterialLedger.IMAGE_DELETED) && e.at().isAfter(since))
                        .map(e -> new ReviewContext.Removed(e.details().getString("image", null),
                                e.details().getString("materialType", null), e.at()))
                        .toList());
    }
}
