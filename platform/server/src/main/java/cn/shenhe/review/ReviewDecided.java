package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import cn.shenhe.registration.RegistrationChanged;
import cn.shenhe.registration.ReviewOutcome;
import java.util.Optional;

/** A reviewer's decisions on a registration at their level: on pictures, comments, and perhaps its outcome. */
public record ReviewDecided(String district, String registrationId, ReviewLevel level, Optional<ReviewOutcome> outcome)
        implements RegistrationChanged {

    @Override
    public String kind() {
        return ReviewService.DECIDED;
    }
}
