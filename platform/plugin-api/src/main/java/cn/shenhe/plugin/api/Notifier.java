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
 * persistence, the host passes one small service that stores an in-app notification. The API
 * stays one method, and the host keeps control of what is stored and where.
 *
 * <p>Calls happen on the thread that committed the change, after the commit, and are not retried:
 * a notifier that throws is logged; the other notifiers are still called and the change stands.
 * Channels that talk to a gateway (e-mail, SMS) implement {@link NoticeSender} instead (since 1.3):
 * the host keeps their notices in a persistent outbox and sends and retries them off the request.
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
