/**
 * On-site review appointments (现场审核预约): the district's slots, a candidate's booking of one at their
 * site, and the site reviewer's check-in, which claims the registration for the in-person review. Builds on
 * registration and review; they ask it what they need through their own interfaces
 * ({@link cn.shenhe.registration.AppointmentLookup}, {@link cn.shenhe.review.CheckIns}).
 */
package cn.shenhe.appointment;
