package cn.shenhe.review;

import cn.shenhe.registration.Registration;

/**
 * Whether the candidate is at the site: an in-person review is recorded only after the check-in. The
 * appointment package answers (it builds on review: its check-in claims the registration).
 */
public interface CheckIns {

    boolean checkedIn(Registration r);
}
