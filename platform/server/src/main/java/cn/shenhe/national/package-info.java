/**
 * National oversight (全国监管): every district's progress for national administrators (counts
 * by district and status, review backlog, time to decision, daily progress), national search
 * across the districts' indexes, and the result exports (CSV with a BOM for Excel, and XLSX)
 * for district and national administrators. Read-only.
 */
package cn.shenhe.national;
