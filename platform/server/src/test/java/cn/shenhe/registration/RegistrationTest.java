package cn.shenhe.registration;

import cn.shenhe.district.ExamCategory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.plugin.api.ImageFormat;
import cn.shenhe.plugin.api.LocalizedText;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules a registration holds, without a server: every state it can rest in × every action of
 * the candidate and the reviewers × both review levels, against one table; then the paths through it.
 */
class RegistrationTest {

    private static final Instant T0 = Instant.parse("2027-03-01T01:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);
    private static final String REVIEWER = "reviewer-a";
    private static final String OTHER = "reviewer-b";
    private static final MaterialType ID_CARD = new MaterialType("id-card", LocalizedText.of("身份证明", "ID card"),
            LocalizedText.of("正反面", "Both sides"), null, 2, 2, Set.of(ImageFormat.JPEG), MaterialType.DEFAULT_MAX_BYTES);
    private static final Completeness REQUIRED = Completeness.of(List.of(ID_CARD));
    private static final Registration.Grounds GROUNDS = new Registration.Grounds(REQUIRED, true, "证件照片不清晰");
    private static final DistrictConfig.UploadWindow OPEN = new DistrictConfig.UploadWindow(
            OffsetDateTime.of(2027, 2, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)), OffsetDateTime.of(2027, 4, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)));

    /** Where a registration can rest between requests. */
    enum State {
        /** 填报, one of the two ID-card pictures uploaded. */
        INCOMPLETE,
        /** Complete: waits at the SITE level; the reviewer holds its claim. */
        QUEUED,
        /** As QUEUED, the site has approved (locked) both pictures. */
        PICTURES_APPROVED,
        /** As PICTURES_APPROVED, but another reviewer holds the claim. */
        CLAIMED_BY_OTHER,
        /** 考点通过, not yet published; waits at the DISTRICT level, the reviewer holds its claim. */
        SITE_PASSED,
        APPROVED,
        REJECTED,
        /** Sent back by the district, which doubted the first picture. */
        RETURNED
    }

    enum Action { CLAIM, RELEASE, REQUEST_CHANGES, PASS, RETURN, APPROVE, REJECT, UPLOAD, DELETE, BOOK }

    /**
     * State, action, then what follows at the SITE and at the DISTRICT level: the status reached (with the
     * queue it waits in) or the {@link Problem} refused with. UPLOAD, DELETE, BOOK and RELEASE know no level.
     */
    private static final String TABLE = """
            INCOMPLETE        CLAIM            NOT_IN_QUEUE              NOT_IN_QUEUE
            INCOMPLETE        RELEASE          NOT_CLAIMED               NOT_CLAIMED
            INCOMPLETE        REQUEST_CHANGES  NOT_IN_QUEUE              REVIEW_OUT_OF_ORDER
            INCOMPLETE        PASS             NOT_IN_QUEUE              INVALID_FIELD
            INCOMPLETE        RETURN           NOT_IN_QUEUE              REVIEW_OUT_OF_ORDER
            INCOMPLETE        APPROVE          INVALID_FIELD             REVIEW_OUT_OF_ORDER
            INCOMPLETE        REJECT           INVALID_FIELD             REVIEW_OUT_OF_ORDER
            INCOMPLETE        UPLOAD           FILLING@SITE              FILLING@SITE
            INCOMPLETE        DELETE           FILLING                   FILLING
            INCOMPLETE        BOOK             MATERIALS_INCOMPLETE      MATERIALS_INCOMPLETE

            QUEUED            CLAIM            FILLING@SITE              NOT_IN_QUEUE
            QUEUED            RELEASE          FILLING@SITE              FILLING@SITE
            QUEUED            REQUEST_CHANGES  FILLING@SITE              REVIEW_OUT_OF_ORDER
            QUEUED            PASS             IMAGES_NOT_APPROVED       INVALID_FIELD
            QUEUED            RETURN           FILLING                   REVIEW_OUT_OF_ORDER
            QUEUED            APPROVE          INVALID_FIELD             REVIEW_OUT_OF_ORDER
            QUEUED            REJECT           INVALID_FIELD             REVIEW_OUT_OF_ORDER
            QUEUED            UPLOAD           COUNT_LIMIT_REACHED       COUNT_LIMIT_REACHED
            QUEUED            DELETE           FILLING                   FILLING
            QUEUED            BOOK             FILLING@SITE              FILLING@SITE

            PICTURES_APPROVED CLAIM            FILLING@SITE              NOT_IN_QUEUE
            PICTURES_APPROVED RELEASE          FILLING@SITE              FILLING@SITE
            PICTURES_APPROVED REQUEST_CHANGES  IMAGE_LOCKED              REVIEW_OUT_OF_ORDER
            PICTURES_APPROVED PASS             SITE_PASSED@DISTRICT      INVALID_FIELD
            PICTURES_APPROVED RETURN           FILLING                   REVIEW_OUT_OF_ORDER
            PICTURES_APPROVED APPROVE          INVALID_FIELD             REVIEW_OUT_OF_ORDER
            PICTURES_APPROVED REJECT           INVALID_FIELD             REVIEW_OUT_OF_ORDER
            PICTURES_APPROVED UPLOAD           COUNT_LIMIT_REACHED       COUNT_LIMIT_REACHED
            PICTURES_APPROVED DELETE           IMAGE_LOCKED              IMAGE_LOCKED
            PICTURES_APPROVED BOOK             FILLING@SITE              FILLING@SITE

            CLAIMED_BY_OTHER  CLAIM            ALREADY_CLAIMED           NOT_IN_QUEUE
            CLAIMED_BY_OTHER  RELEASE          NOT_CLAIMED               NOT_CLAIMED
            CLAIMED_BY_OTHER  REQUEST_CHANGES  NOT_CLAIMED               REVIEW_OUT_OF_ORDER
            CLAIMED_BY_OTHER  PASS             NOT_CLAIMED               INVALID_FIELD
            CLAIMED_BY_OTHER  RETURN           NOT_CLAIMED               REVIEW_OUT_OF_ORDER
            CLAIMED_BY_OTHER  APPROVE          INVALID_FIELD             REVIEW_OUT_OF_ORDER
            CLAIMED_BY_OTHER  REJECT           INVALID_FIELD             REVIEW_OUT_OF_ORDER
            CLAIMED_BY_OTHER  UPLOAD           COUNT_LIMIT_REACHED       COUNT_LIMIT_REACHED
            CLAIMED_BY_OTHER  DELETE           IMAGE_LOCKED              IMAGE_LOCKED
            CLAIMED_BY_OTHER  BOOK             FILLING@SITE              FILLING@SITE

            SITE_PASSED       CLAIM            NOT_IN_QUEUE              SITE_PASSED@DISTRICT
            SITE_PASSED       RELEASE          SITE_PASSED@DISTRICT      SITE_PASSED@DISTRICT
            SITE_PASSED       REQUEST_CHANGES  NOT_IN_QUEUE              SITE_PASSED@DISTRICT
            SITE_PASSED       PASS             NOT_IN_QUEUE              INVALID_FIELD
            SITE_PASSED       RETURN           NOT_IN_QUEUE              FILLING
            SITE_PASSED       APPROVE          INVALID_FIELD             APPROVED
            SITE_PASSED       REJECT           INVALID_FIELD             REJECTED
            SITE_PASSED       UPLOAD           REGISTRATION_UNDER_REVIEW REGISTRATION_UNDER_REVIEW
            SITE_PASSED       DELETE           REGISTRATION_UNDER_REVIEW REGISTRATION_UNDER_REVIEW
            SITE_PASSED       BOOK             MATERIALS_INCOMPLETE      MATERIALS_INCOMPLETE

            APPROVED          CLAIM            NOT_IN_QUEUE              NOT_IN_QUEUE
            APPROVED          RELEASE          NOT_CLAIMED               NOT_CLAIMED
            APPROVED          REQUEST_CHANGES  NOT_IN_QUEUE              NOT_IN_QUEUE
            APPROVED          PASS             NOT_IN_QUEUE              INVALID_FIELD
            APPROVED          RETURN           NOT_IN_QUEUE              NOT_IN_QUEUE
            APPROVED          APPROVE          INVALID_FIELD             NOT_IN_QUEUE
            APPROVED          REJECT           INVALID_FIELD             NOT_IN_QUEUE
            APPROVED          UPLOAD           REGISTRATION_LOCKED       REGISTRATION_LOCKED
            APPROVED          DELETE           REGISTRATION_LOCKED       REGISTRATION_LOCKED
            APPROVED          BOOK             MATERIALS_INCOMPLETE      MATERIALS_INCOMPLETE

            REJECTED          CLAIM            NOT_IN_QUEUE              NOT_IN_QUEUE
            REJECTED          RELEASE          NOT_CLAIMED               NOT_CLAIMED
            REJECTED          REQUEST_CHANGES  NOT_IN_QUEUE              NOT_IN_QUEUE
            REJECTED          PASS             NOT_IN_QUEUE              INVALID_FIELD
            REJECTED          RETURN           NOT_IN_QUEUE              NOT_IN_QUEUE
            REJECTED          APPROVE          INVALID_FIELD             NOT_IN_QUEUE
            REJECTED          REJECT           INVALID_FIELD             NOT_IN_QUEUE
            REJECTED          UPLOAD           REGISTRATION_LOCKED       REGISTRATION_LOCKED
            REJECTED          DELETE           REGISTRATION_LOCKED       REGISTRATION_LOCKED
            REJECTED          BOOK             MATERIALS_INCOMPLETE      MATERIALS_INCOMPLETE

            RETURNED          CLAIM            NOT_IN_QUEUE              NOT_IN_QUEUE
            RETURNED          RELEASE          NOT_CLAIMED               NOT_CLAIMED
            RETURNED          REQUEST_CHANGES  NOT_IN_QUEUE              REVIEW_OUT_OF_ORDER
            RETURNED          PASS             NOT_IN_QUEUE              INVALID_FIELD
            RETURNED          RETURN           NOT_IN_QUEUE              REVIEW_OUT_OF_ORDER
            RETURNED          APPROVE          INVALID_FIELD             REVIEW_OUT_OF_ORDER
            RETURNED          REJECT           INVALID_FIELD             REVIEW_OUT_OF_ORDER
            RETURNED          UPLOAD           COUNT_LIMIT_REACHED       COUNT_LIMIT_REACHED
            RETURNED          DELETE           FILLING                   FILLING
            RETURNED          BOOK             MATERIALS_INCOMPLETE      MATERIALS_INCOMPLETE
            """;

    @Test
    void everyStateActionAndLevelAsTheTableSays() {
        Map<String, String> expected = new HashMap<>();
        TABLE.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")).forEach(row -> {
            expected.put(row[0] + " " + row[1] + " " + ReviewLevel.SITE, row[2]);
            expected.put(row[0] + " " + row[1] + " " + ReviewLevel.DISTRICT, row[3]);
        });
        List<String> wrong = new ArrayList<>();
        for (State state : State.values()) {
            for (Action action : Action.values()) {
                for (ReviewLevel level : ReviewLevel.values()) {
                    String key = state + " " + action + " " + level;
                    String want = expected.remove(key);
                    assertNotNull(want, "the table has no row for " + key);
                    String got = outcome(state, action, level);
                    if (!want.equals(got)) {
                        wrong.add(key + ": expected " + want + ", was " + got);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(Map.of(), expected, "rows for states or actions that do not exist");
    }

    /** The status reached and the queue it waits in, or the refusal. */
    private static String outcome(State state, Action action, ReviewLevel level) {
        Registration r = in(state);
        try {
            act(r, action, level);
            return r.status() + r.queueLevel().map(l -> "@" + l).orElse("");
        } catch (ProblemException e) {
            return e.problem().name();
        }
    }

    private static void act(Registration r, Action action, ReviewLevel level) {
        switch (action) {
            case CLAIM -> r.claim(level, REVIEWER, "王审核", NOW.plus(Duration.ofMinutes(15)), NOW);
            case RELEASE -> r.releaseBy(REVIEWER, NOW);
            case REQUEST_CHANGES -> r.decideImage(REVIEWER, level, r.images().getFirst(), ImageState.CHANGES_REQUESTED, NOW);
            case PASS -> r.conclude(ReviewOutcome.PASS, level, REVIEWER, GROUNDS, NOW, false);
            case RETURN -> r.conclude(ReviewOutcome.RETURN, level, REVIEWER, GROUNDS, NOW, false);
            case APPROVE -> r.conclude(ReviewOutcome.APPROVE, level, REVIEWER, GROUNDS, NOW, false);
            case REJECT -> r.conclude(ReviewOutcome.REJECT, level, REVIEWER, GROUNDS, NOW, false);
            case UPLOAD -> upload(r);
            case DELETE -> r.removeImage(r.images().getFirst(), REQUIRED, NOW);
            case BOOK -> r.checkBookable();
        }
    }

    private static Registration.QueueMove upload(Registration r) {
        r.checkUploadOpen(OPEN, NOW);
        r.checkRoomFor(ID_CARD, r.imagesOf(ID_CARD.code()).size());
        return r.addImage(picture(r), REQUIRED, NOW);
    }

    /** Drives a new registration to the state by the same methods the services call. */
    private static Registration in(State state) {
        Registration r = new Registration(new Registration.Candidate("sub-1", "c1", "张伟", null, null, null), 2027,
                ExamCategory.CLINICAL_PHYSICIAN, "bj-01", T0);
        upload(r);
        if (state == State.INCOMPLETE) {
            return r;
        }
        upload(r);
        String holder = state == State.CLAIMED_BY_OTHER ? OTHER : REVIEWER;
        r.claim(ReviewLevel.SITE, holder, "审核员", T0.plus(Duration.ofMinutes(15)), T0);
        if (state == State.QUEUED) {
            return r;
        }
        r.images().forEach(m -> r.decideImage(holder, ReviewLevel.SITE, m, ImageState.APPROVED, T0));
        if (state == State.PICTURES_APPROVED || state == State.CLAIMED_BY_OTHER) {
            return r;
        }
        r.conclude(ReviewOutcome.PASS, ReviewLevel.SITE, REVIEWER, GROUNDS, T0, false);
        r.claim(ReviewLevel.DISTRICT, REVIEWER, "考区审核员", T0.plus(Duration.ofMinutes(15)), T0);
        switch (state) {
            case APPROVED -> r.conclude(ReviewOutcome.APPROVE, ReviewLevel.DISTRICT, REVIEWER, GROUNDS, T0, true);
            case REJECTED -> r.conclude(ReviewOutcome.REJECT, ReviewLevel.DISTRICT, REVIEWER, GROUNDS, T0, true);
            case RETURNED -> {
                r.decideImage(REVIEWER, ReviewLevel.DISTRICT, r.images().getFirst(), ImageState.CHANGES_REQUESTED, T0);
                r.conclude(ReviewOutcome.RETURN, ReviewLevel.DISTRICT, REVIEWER, GROUNDS, T0, false);
            }
            default -> { }
        }
        return r;
    }

    private static MaterialImage picture(Registration r) {
        return new MaterialImage(MaterialImage.newId(), r, ID_CARD.code(), new MaterialImage.StoredPicture("k", "image/jpeg", 1, 1, 1,
                ImageFormat.JPEG, 1, "0".repeat(64), 0L, new int[4]), MaterialImage.CheckColumns.NONE, "sub-1", T0);
    }

    // --- Paths through the table, and what the table does not show.

    @Test
    void aReturnedRegistrationWaitsAgainOnceTheCandidateReplacesThePicture() {
        Registration r = in(State.RETURNED);
        assertEquals(RegistrationStatus.FILLING, r.publishedStatus(), "the candidate sees at once that it is theirs again");
        assertEquals(Registration.QueueMove.NONE, r.removeImage(r.images().getFirst(), REQUIRED, NOW));
        assertEquals(Registration.QueueMove.QUEUED, upload(r));
        assertEquals(Optional.of(ReviewLevel.SITE), r.queueLevel());
        assertTrue(r.images().stream().anyMatch(MaterialImage::locked), "the picture the district did not doubt stays approved");
    }

    @Test
    void anIncompleteRegistrationLeavesTheQueueAndItsClaimEnds() {
        Registration r = in(State.QUEUED);
        assertEquals(Registration.QueueMove.DEQUEUED, r.removeImage(r.images().getFirst(), REQUIRED, NOW));
        assertEquals(Optional.empty(), r.queueLevel());
        assertTrue(r.claimableBy(OTHER, NOW));
    }

    @Test
    void uploadsWaitForTheWindowBeforeAnythingElse() {
        DistrictConfig.UploadWindow closed = new DistrictConfig.UploadWindow(OPEN.opens().minusYears(1), OPEN.closes().minusYears(1));
        ProblemException e = assertThrows(ProblemException.class, () -> in(State.APPROVED).checkUploadOpen(closed, NOW));
        assertEquals(Problem.UPLOAD_WINDOW_CLOSED, e.problem());
        assertEquals("2026-02-01 09:00", e.details().get("opens"), "Beijing time");
        assertTrue(e.messageZh().contains("2026-02-01 09:00 至 2026-04-01 09:00"), e.messageZh());
    }

    @Test
    void aClaimIsALeaseThatRunsOut() {
        Registration r = in(State.QUEUED);
        assertTrue(r.claimedBy(REVIEWER, T0.plusSeconds(60)));
        assertFalse(r.claimableBy(OTHER, T0.plusSeconds(60)), "held by another");
        assertTrue(r.claimableBy(REVIEWER, T0.plusSeconds(60)), "the holder renews");
        assertTrue(r.claimableBy(OTHER, T0.plus(Duration.ofMinutes(15))), "free once the lease ends");
        assertFalse(r.claimedBy(REVIEWER, T0.plus(Duration.ofMinutes(15))));
        ProblemException taken = assertThrows(ProblemException.class,
                () -> r.claim(ReviewLevel.SITE, OTHER, "李审核", NOW.plusSeconds(900), NOW));
        assertEquals("审核员", taken.details().get("claimedBy"));
    }

    @Test
    void outcomesWaitForPublicationLevelByLevel() {
        Registration r = in(State.SITE_PASSED);
        assertEquals(RegistrationStatus.FILLING, r.publishedStatus(), "the candidate still sees 填报");
        r.conclude(ReviewOutcome.APPROVE, ReviewLevel.DISTRICT, REVIEWER, GROUNDS, NOW, false);
        r.publishSitePass();
        assertEquals(RegistrationStatus.SITE_PASSED, r.publishedStatus(), "publishing the site shows 考点通过, not the district's outcome");
        r.publish();
        assertEquals(RegistrationStatus.APPROVED, r.publishedStatus());
        assertEquals(Optional.empty(), r.queueLevel());
    }

    @Test
    void passingReleasesTheClaimAndShowsAtOnceWhenTheDistrictSaysSo() {
        Registration r = in(State.PICTURES_APPROVED);
        r.conclude(ReviewOutcome.PASS, ReviewLevel.SITE, REVIEWER, GROUNDS, NOW, true);
        assertEquals(RegistrationStatus.SITE_PASSED, r.publishedStatus());
        assertTrue(r.claimableBy("anyone", NOW), "passing releases the claim");
    }

    @Test
    void aReturnNeedsAWordForTheCandidateAndARejectionKeepsItsReason() {
        Registration r = in(State.SITE_PASSED);
        ProblemException e = assertThrows(ProblemException.class, () -> r.conclude(ReviewOutcome.RETURN, ReviewLevel.DISTRICT, REVIEWER,
                new Registration.Grounds(REQUIRED, false, null), NOW, false));
        assertEquals(Problem.COMMENT_REQUIRED, e.problem());
        r.conclude(ReviewOutcome.REJECT, ReviewLevel.DISTRICT, REVIEWER, GROUNDS, NOW, false);
        assertEquals("证件照片不清晰", r.rejectReason());
    }

    @Test
    void passingNeedsEveryRequiredPictureNotOnlyTheApprovedOnes() {
        Registration r = in(State.PICTURES_APPROVED);
        Completeness more = new Completeness(Map.of(ID_CARD.code(), 2, "diploma", 1));
        ProblemException e = assertThrows(ProblemException.class, () -> r.conclude(ReviewOutcome.PASS, ReviewLevel.SITE, REVIEWER,
                new Registration.Grounds(more, true, null), NOW, false));
        assertEquals(Problem.IMAGES_NOT_APPROVED, e.problem());
        assertEquals(List.of(), e.details().get("pending"));
    }
}
