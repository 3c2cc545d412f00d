/**
 * The append-only audit log: who did what to which record of which district, and when. A change's
 * event is written in the same transaction as the change, so one never exists without the other; a
 * read's event (reads have no transaction) is committed by {@link cn.shenhe.audit.ReadLog} before the
 * data is handed out.
 */
package cn.shenhe.audit;
