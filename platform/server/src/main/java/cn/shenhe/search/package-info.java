/**
 * Search (检索): one Lucene index per district over registrations and their review comments,
 * kept current after each database commit ({@link cn.shenhe.search.IndexUpdater}), rebuilt from
 * the database when missing, inconsistent or on an administrator's request. Reviewers search only
 * what they may see (site reviewers: their site); national administrators search across districts.
 */
package cn.shenhe.search;
