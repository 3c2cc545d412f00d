package cn.shenhe.review;

import cn.shenhe.registration.RegistrationChanged;

/** A reviewer claimed (or renewed the claim on) a registration, or gave it back to the queue. */
public record ClaimChanged(String district, String registrationId, boolean claimed) implements RegistrationChanged {

    @Override
    public String kind() {
        return claimed ? "review.claimed" : "review.released";
    }
}
