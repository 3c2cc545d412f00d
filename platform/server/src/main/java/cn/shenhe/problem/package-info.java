/**
 * Refusals as RFC 9457 {@code application/problem+json}: a stable {@code code}, the HTTP status,
 * and messages in zh-CN and English. Every exception leaving a resource becomes one.
 */
package cn.shenhe.problem;
