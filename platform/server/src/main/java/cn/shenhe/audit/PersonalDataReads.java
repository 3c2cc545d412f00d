package cn.shenhe.audit;

import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records every read of candidates' personal data by staff (PIPL: who looked, in which role, at what,
 * when), before the data is handed out. A candidate reading their own registration is not recorded.
 */
@ApplicationScoped
public class PersonalDataReads {

    public static final String SEARCH = "search.run";
    public static final String EXPORT = "export.results";

    @Inject
    AuditLog audit;
    @Inject
    RequestContext request;

    /** A registration's page or one of its pictures, seen by staff. */
    public void ofRegistration(String registrationId, String action, Map<String, ?> detail) {
        if (request.caller().isCandidate()) return;   // candidates reach only their own registration
        audit.recordRead(action, "registration", registrationId, detail);
    }

    /** A national search: recorded in each district it reached. */
    public void acrossDistricts(List<String> districts, String action, Map<String, ?> detail) {
        audit.recordReadIn(districts, action, detail);
    }

    /** A search or an export over the district's candidates. */
    public void ofDistrict(String action, Map<String, ?> detail) {
        audit.recordRead(action, "district", request.district(), detail);
    }

    /** As {@link #ofDistrict(String, Map)}, {@code read} running while the event commits; its result only once it has. */
    public <T> T ofDistrict(String action, Map<String, ?> detail, Supplier<T> read) {
        return audit.whileRecordingRead(action, "district", request.district(), detail, read);
    }
}
