package cn.shenhe.registration;

import cn.shenhe.security.Caller;

/**
 * Who may see a registration of their district: the candidate who owns it, the district's
 * reviewers and admins (a site reviewer only for their site), and national administrators.
 */
public final class RegistrationAccess {

    private RegistrationAccess() {
    }

    public static boolean canSee(Caller caller, Registration r) {
        if (caller.isNationalAdmin()) {
            return true;
        }
        if (caller.isDistrictStaff()) {
            return caller.siteLimit().map(site -> site.equals(r.siteCode())).orElse(true);
        }
        return caller.isCandidate() && r.isOwnedBy(caller.subject());
    }
}
