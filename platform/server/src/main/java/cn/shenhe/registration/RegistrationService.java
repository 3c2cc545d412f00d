package cn.shenhe.registration;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.district.DistrictPlugins.RequiredType;
import cn.shenhe.district.ExamCategory;
import cn.shenhe.problem.InvalidField;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.Problems;
import cn.shenhe.security.Caller;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Registering, and finding the registrations the caller may see. */
@ApplicationScoped
public class RegistrationService {

    @Inject
    RegistrationRepository registrations;
    @Inject
    DistrictDirectory districts;
    @Inject
    RequestContext request;
    @Inject
    AuditLog audit;
    @Inject
    DistrictPlugins plugins;
    @Inject
    Event<RegistrationCreated> changed;

    /** A candidate registers in their district; once per exam year. */
    @Transactional
    public Registration register(@NotNull @Valid RegisterRequest req) {
        Caller caller = request.caller();
        DistrictConfig district = districts.find(request.district()).orElseThrow();
        if (req.examYear() != district.examYear()) {
            throw Problem.EXAM_YEAR_NOT_OPEN.refuse(Map.of("examYear", district.examYear()), district.name(), district.examYear());
        }
        ExamCategory category = ExamCategory.ofCode(req.category()).orElseThrow(
                () -> InvalidField.UNKNOWN_CATEGORY.refuse("category", req.category()));
        if (district.site(req.site()).isEmpty()) {
            throw InvalidField.UNKNOWN_SITE.refuse("site", req.site());
        }
        // What the candidate declared when signing up (Keycloak checked it too) unless the form says otherwise.
        String idNumber = req.idNumber() != null ? req.idNumber() : caller.idNumber();
        String phone = req.phone() != null ? req.phone() : caller.mobile();
        if (idNumber != null && !IdNumber.isValid(idNumber)) {
            throw InvalidField.ID_NUMBER_CHECK_DIGIT.refuse("idNumber");
        }
        registrations.findByCandidate(caller.subject(), req.examYear()).ifPresent(existing -> {
            throw Problem.ALREADY_REGISTERED.refuse(Map.of("registrationId", existing.id()));
        });
        String name = req.name() == null || req.name().isBlank() ? caller.displayName() : req.name().trim();
        if (name.isBlank()) {
            throw InvalidField.NAME_REQUIRED.refuse("name");
        }
        Registration r = new Registration(new Registration.Candidate(caller.subject(), caller.username(), name,
                idNumber == null ? null : idNumber.toUpperCase(), phone,
                req.email() == null || req.email().isBlank() ? caller.verifiedEmail() : req.email().trim()),
                req.examYear(), category, req.site(), Instant.now());
        registrations.add(r);
        audit.record("registration.created", "registration", r.id(),
                Map.of("site", r.siteCode(), "category", category.code(), "examYear", r.examYear()));
        changed.fire(new RegistrationCreated(request.district(), r.id()));
        return r;
    }

    /** What complete means for this registration: the material types its district's plugins require of it. */
    public Completeness completeness(Registration r) {
        DistrictConfig d = districts.find(request.district()).orElseThrow();
        return Completeness.of(plugins.requirements(d, r.facts(d.code())).stream().map(RequiredType::type).toList());
    }

    /** The registration if the caller may see it; otherwise 404, as if it did not exist. */
    public Registration findVisible(String id) {
        return registrations.find(id)
                .filter(r -> RegistrationAccess.canSee(request.caller(), r))
                .orElseThrow(() -> Problems.notFound("该报名", "Registration"));
    }

    /** Candidates get their own; staff get their district's (site reviewers: their site's). */
    public List<Registration> listVisible(int offset, int limit) {
        Caller caller = request.caller();
        if (caller.isCandidate() && !caller.isDistrictStaff() && !caller.isNationalAdmin()) {
            return registrations.ofCandidate(caller.subject());
        }
        return registrations.list(caller.siteLimit(), offset, limit);
    }
}
