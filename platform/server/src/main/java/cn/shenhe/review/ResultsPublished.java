package cn.shenhe.review;

import cn.shenhe.registration.RegistrationChanged;
import cn.shenhe.registration.RegistrationStatus;

/** The candidate now sees the registration's outcome, {@code shown}. */
public record ResultsPublished(String district, String registrationId, RegistrationStatus shown) implements RegistrationChanged {

    @Override
    public String kind() {
        return "results.published";
    }
}
