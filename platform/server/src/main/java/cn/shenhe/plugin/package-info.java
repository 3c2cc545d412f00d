/**
 * The PF4J host: loads the plugin jars from the plugins directory at start, and gives each started
 * plugin's extensions. What a district's named plugins say (material requirements, upload checks) is
 * asked through {@link cn.shenhe.district.DistrictPlugins}: a district gets nothing from a plugin it does
 * not name.
 */
package cn.shenhe.plugin;
