package cn.shenhe.district;

/** How a district reviews: the reviewers judge the uploaded pictures (ONLINE), or the candidate brings the originals (ON_SITE, 现场审核). */
public enum ReviewMode {
    ONLINE, ON_SITE
}
