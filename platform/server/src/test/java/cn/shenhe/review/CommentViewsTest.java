package cn.shenhe.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.shenhe.registration.CommentLookup;
import org.junit.jupiter.api.Test;

class CommentViewsTest {

    /** The registration's page picks the comments shown next to a picture by this name: it must stay the visibility's. */
    @Test
    void theCandidatesVisibilityIsTheOneTheRegistrationPageLooksFor() {
        assertEquals(CommentVisibility.CANDIDATE.name(), CommentLookup.FOR_CANDIDATE);
    }
}
