package cn.shenhe.registration;

import java.util.List;

/**
 * The review comments a registration's page shows. The review package answers: it builds on registration,
 * so registration asks through this interface instead of knowing it.
 */
public interface CommentLookup {

    /** Who reads a comment: the candidate, or the staff only (an internal note among reviewers). */
    String FOR_CANDIDATE = "CANDIDATE";

    /**
     * The comments on the registration the caller may read: a candidate never sees internal notes, nor who
     * wrote a comment ({@code staffView} false).
     */
    List<RegistrationView.CommentView> visible(Registration r, boolean staffView);
}
