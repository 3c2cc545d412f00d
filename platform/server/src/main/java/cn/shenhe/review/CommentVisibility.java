package cn.shenhe.review;

/** Whether the candidate sees a comment, or it is an internal note among reviewers. */
public enum CommentVisibility {
    CANDIDATE, INTERNAL
}
