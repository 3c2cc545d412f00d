/**
 * The PF4J host: loads the plugin jars from the plugins directory at start, and answers, for a
 * district, what its named plugins say (material requirements, upload checks). A district gets
 * nothing from a plugin it does not name.
 */
package cn.shenhe.plugin;
