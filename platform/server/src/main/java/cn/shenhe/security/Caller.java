package cn.shenhe.security;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated person behind a request, from the token: Keycloak subject, user name,
 * display name, roles, the district (and site, for site reviewers) they belong to, their e-mail
 * address when the identity provider has verified it (else null), and the ID number and mobile a
 * candidate gave when signing up (null for accounts administrators made).
 */
public record Caller(String subject, String username, String displayName, Set<String> roles,
                     String district, String site, String verifiedEmail, String idNumber, String mobile) {

    public static final Caller ANONYMOUS = new Caller(null, "anonymous", "", Set.of(), null, null, null, null, null);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean authenticated() {
        return subject != null;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isCandidate() {
        return has(Role.CANDIDATE);
    }

    public boolean isNationalAdmin() {
        return has(Role.NATIONAL_ADMIN);
    }

    /** Reviewers and admins of the district: may see every registration of it (site reviewers: of their site). */
    public boolean isDistrictStaff() {
        return has(Role.SITE_REVIEWER) || has(Role.DISTRICT_REVIEWER) || has(Role.DISTRICT_ADMIN);
    }

    /**
     * The role this caller acts in, the highest they hold: what the audit log records and what a
     * candidate is told of someone who viewed their materials.
     */
    public String actingRole() {
        for (String role : new String[] {Role.NATIONAL_ADMIN, Role.DISTRICT_ADMIN, Role.DISTRICT_REVIEWER, Role.SITE_REVIEWER, Role.CANDIDATE}) {
            if (has(role)) return role;
        }
        return "anonymous";
    }

    /** The one site a site reviewer is limited to; empty for everyone else. */
    public Optional<String> siteLimit() {
        return has(Role.SITE_REVIEWER) && !has(Role.DISTRICT_REVIEWER) && !has(Role.DISTRICT_ADMIN)
                ? Optional.ofNullable(site).or(() -> Optional.of("")) : Optional.empty();
    }
}
