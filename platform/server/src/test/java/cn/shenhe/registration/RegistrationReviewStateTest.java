package cn.shenhe.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.review.ReviewLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The review state a registration carries: claims as leases, outcomes and what the candidate is shown. */
class RegistrationReviewStateTest {

    private static final Instant T0 = Instant.parse("2027-03-01T01:00:00Z");

    private static Registration complete() {
        Registration r = new Registration(new Registration.Candidate("sub-1", "c1", "张伟", null, null, null), 2027,
                ExamCategory.CLINICAL_PHYSICIAN, "bj-01", T0);
        r.enqueue(ReviewLevel.SITE, T0);
        return r;
    }

    @Test
    void aClaimIsALeaseThatRunsOut() {
        Registration r = complete();
        r.claim("reviewer-a", "王审核", T0.plus(Duration.ofMinutes(15)));
        assertTrue(r.claimedBy("reviewer-a", T0.plusSeconds(60)));
        assertFalse(r.claimableBy("reviewer-b", T0.plusSeconds(60)), "held by another");
        assertTrue(r.claimableBy("reviewer-a", T0.plusSeconds(60)), "the holder renews");
        assertTrue(r.claimableBy("reviewer-b", T0.plus(Duration.ofMinutes(15))), "free once the lease ends");
        assertFalse(r.claimedBy("reviewer-a", T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void outcomesWaitForPublicationLevelByLevel() {
        Registration r = complete();
        r.passSite(T0, false);
        assertEquals(RegistrationStatus.SITE_PASSED, r.status());
        assertEquals(RegistrationStatus.FILLING, r.publishedStatus(), "the candidate still sees 填报");
        assertEquals(Optional.of(ReviewLevel.DISTRICT), r.queueLevel());
        r.decide(RegistrationStatus.APPROVED, null, T0, false);
        r.publishSitePass();
        assertEquals(RegistrationStatus.SITE_PASSED, r.publishedStatus(), "publishing the site shows 考点通过, not the district's outcome");
        r.publish();
        assertEquals(RegistrationStatus.APPROVED, r.publishedStatus());
        assertEquals(Optional.empty(), r.queueLevel());
    }

    @Test
    void aReturnShowsAtOnceAndLeavesTheQueue() {
        Registration r = complete();
        r.claim("reviewer-a", "王审核", T0.plusSeconds(900));
        r.passSite(T0, true);
        assertEquals(RegistrationStatus.SITE_PASSED, r.publishedStatus());
        assertTrue(r.claimableBy("anyone", T0), "passing releases the claim");
        r.returnToCandidate();
        assertEquals(RegistrationStatus.FILLING, r.publishedStatus());
        assertTrue(r.acceptsChanges());
        assertEquals(Optional.empty(), r.queueLevel());
    }
}
