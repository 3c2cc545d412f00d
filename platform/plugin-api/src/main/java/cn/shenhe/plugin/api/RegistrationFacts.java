package cn.shenhe.plugin.api;

import java.util.Objects;

/**
 * What a plugin may know of a registration when it decides requirements or checks: where and for
 * what the candidate registered. No personal data.
 *
 * @param district     the district (tenant) code, e.g. {@code bj}
 * @param site         the exam site code, e.g. {@code bj-01}; {@code null} when not chosen yet
 * @param examCategory e.g. {@code clinical-physician}, {@code clinical-assistant}
 * @param examYear     the exam year
 */
public record RegistrationFacts(String district, String site, String examCategory, int examYear) {
    public RegistrationFacts {
        Objects.requireNonNull(district, "district");
        Objects.requireNonNull(examCategory, "examCategory");
    }
}
