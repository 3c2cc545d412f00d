/**
 * Registrations (报名): a candidate registers once per exam year in their district, for a site
 * and an exam category, and follows the registration's status through review.
 */
package cn.shenhe.registration;
