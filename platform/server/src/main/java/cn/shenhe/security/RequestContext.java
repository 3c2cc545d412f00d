package cn.shenhe.security;

import cn.shenhe.problem.Problem;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller and the district of the current request, set once by {@link TenantFilter} before
 * any resource method runs.
 */
@RequestScoped
public class RequestContext {

    private Caller caller = Caller.ANONYMOUS;
    private String district;

    public Caller caller() {
        return caller;
    }

    /** The district this request acts in; refuses to answer when there is none. */
    public String district() {
        if (district == null) {
            throw Problem.NO_TENANT.refuse();
        }
        return district;
    }

    public boolean hasDistrict() {
        return district != null;
    }

    void bind(Caller caller, String district) {
        this.caller = caller;
        this.district = district;
    }
}
