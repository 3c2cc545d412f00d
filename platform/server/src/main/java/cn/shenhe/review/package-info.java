/**
 * Review (审核): reviewers' comments (审核意见) on a registration or one of its pictures, shown
 * to the candidate at the top of the upload page until resolved. The two-level review itself
 * (exam site, then district) builds on these.
 */
package cn.shenhe.review;
