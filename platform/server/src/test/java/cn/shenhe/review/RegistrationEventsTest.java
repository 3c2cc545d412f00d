package cn.shenhe.review;

import cn.shenhe.registration.ReviewLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.appointment.AppointmentChanged;
import cn.shenhe.appointment.AppointmentChanged;
import cn.shenhe.registration.MaterialsChanged;
import cn.shenhe.registration.RegistrationChanged;
import cn.shenhe.registration.RegistrationCreated;
import cn.shenhe.registration.RegistrationStatus;
import cn.shenhe.registration.ReviewOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed events keep the kinds the change log has always held: other nodes, and older rows, are read by them. */
class RegistrationEventsTest {

    @Test
    void eachEventIsLoggedUnderItsKind() {
        List<RegistrationChanged> events = List.of(
                new RegistrationCreated("bj", "r"),
                new MaterialsChanged("bj", "r", MaterialsChanged.Change.UPLOADED, "i", "id-card"),
                new MaterialsChanged("bj", "r", MaterialsChanged.Change.DELETED, "i", "id-card"),
                new ClaimChanged("bj", "r", true),
                new ClaimChanged("bj", "r", false),
                new ReviewDecided("bj", "r", ReviewLevel.SITE, Optional.of(ReviewOutcome.PASS)),
                new AppointmentChanged("bj", "r", true),
                new AppointmentChanged("bj", "r", false),
                new ResultsPublished("bj", "r", RegistrationStatus.APPROVED));
        assertEquals(List.of("registration.created", "material-image.uploaded", "material-image.deleted", "review.claimed",
                        "review.released", "review.decided", "appointment.booked", "appointment.cancelled", "results.published"),
                events.stream().map(RegistrationChanged::kind).toList());
    }
}
