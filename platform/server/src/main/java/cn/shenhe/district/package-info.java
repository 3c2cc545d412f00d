/**
 * Districts (考区), the tenants: each one's configuration — names, sites, exam year, upload
 * window, watermark, review mode, plugins and their settings — read from
 * {@code tenant-configs/<code>.yaml} at start. A broken file is refused with the file and the
 * field named; the other districts load regardless.
 */
package cn.shenhe.district;
