/**
 * Refusals as RFC 9457 {@code application/problem+json}: every one a {@link cn.shenhe.problem.Problem}
 * (a stable {@code code} and the HTTP status), worded in zh-CN and English in
 * {@code problems_*.properties}. Every exception leaving a resource becomes one.
 */
package cn.shenhe.problem;
