package cn.shenhe.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Tells candidates what happened to their registration: every review comment they can see and
 * every status change. The host calls every {@code Notifier} of every plugin the candidate's
 * district names, in the order named, once the change has been committed (never for a change
 * that rolled back).
 *
 * <p>Why an {@link NotificationInbox} argument: plugins must not touch the database, yet the
 * default channel (in-app notifications) has to store something. Rather than widen the API with
 * persistence, the host passes one small service that stores an in-app notification; channels
 * that send elsewhere (SMS, e-mail: a new plugin with its own settings such as a gateway URL)
 * ignore it. The API stays one method, and the host keeps control of what is stored and where.
 *
 * <p>Calls happen on the thread that committed the change, after the commit: an implementation
 * that talks to a slow gateway should hand the work to its own queue and return at once. A
 * notifier that throws is logged; the other notifiers are still called and the change stands.
 *
 * @since 1.1
 */
public interface Notifier extends ExtensionPoint {

    /**
     * @param notification what to tell whom
     * @param settings     the district's settings for this plugin ({@code plugins[].settings})
     * @param inbox        the host's store of in-app notifications
     */
    void notify(Notification notification, PluginSettings settings, NotificationInbox inbox);
}
