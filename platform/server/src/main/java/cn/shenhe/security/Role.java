package cn.shenhe.security;

/** Realm roles, as they arrive in the token's {@code groups} claim. */
public final class Role {
    public static final String CANDIDATE = "candidate";
    public static final String SITE_REVIEWER = "site-reviewer";
    public static final String DISTRICT_REVIEWER = "district-reviewer";
    public static final String DISTRICT_ADMIN = "district-admin";
    public static final String NATIONAL_ADMIN = "national-admin";

    private Role() {
    }
}
