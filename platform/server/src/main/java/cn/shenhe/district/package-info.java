/**
 * Districts (考区), the tenants: each one's configuration — names, sites, exam year, upload
 * window, watermark, review block, plugins and their settings — in the tenant-config schema.
 * {@code tenant-configs/<code>.yaml} seeds a district (version 1 in {@code district_config_version});
 * from then on its administrator reads and changes it through {@link cn.shenhe.district.ConfigResource}:
 * validated by {@link cn.shenhe.district.TenantConfigReader} and the plugins, refused when it would
 * strand registered candidates ({@link cn.shenhe.district.StrandingCheck}), stored as an append-only
 * version ({@link cn.shenhe.district.ConfigVersions}), compared field by field
 * ({@link cn.shenhe.district.ConfigDiff}), and put in force by {@link cn.shenhe.district.DistrictDirectory}
 * without a restart. A broken document is refused with the field named; the other districts load regardless.
 */
package cn.shenhe.district;
