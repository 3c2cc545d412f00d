/**
 * The Shenhe plugin API, version 1.4 (1.4 adds {@link cn.shenhe.plugin.api.SettingsSchema}: a plugin describes its settings, which the host checks and the administrator's form is drawn from; 1.3 adds {@link cn.shenhe.plugin.api.NoticeSender}: notices sent by e-mail or SMS from the host's outbox, and {@link cn.shenhe.plugin.api.PluginSettings#secret}: secrets named, never written, in settings; 1.2 adds {@link cn.shenhe.plugin.api.GreyImage}: a {@link cn.shenhe.plugin.api.MaterialCheck} may look at the picture; 1.1 adds {@link cn.shenhe.plugin.api.ReviewMode} and {@link cn.shenhe.plugin.api.Notifier}, with {@link cn.shenhe.plugin.api.Notification} and the host-provided {@link cn.shenhe.plugin.api.NotificationInbox}): the extension points a district's plugins implement and the
 * value types they exchange with the host. Plugins compile against this package and PF4J only
 * (both {@code provided}); the host never hands them its own classes.
 *
 * <p>Stability promise: within 1.x, types and methods are only added, never changed or removed.
 * Every extension point is a small interface with one job; what a plugin needs to know about the
 * district comes in as arguments ({@link PluginSettings}, {@link RegistrationFacts}), never
 * from statics.
 */
package cn.shenhe.plugin.api;
