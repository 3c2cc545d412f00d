/**
 * The append-only audit log: who did what to which record of which district, and when. Written
 * in the same transaction as the change it records, so one never exists without the other.
 */
package cn.shenhe.audit;
