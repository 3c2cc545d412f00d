package cn.shenhe.plugin.api;

/**
 * The host's store of in-app notifications (站内通知), which candidates read in the application
 * ({@code GET /api/v1/me/notifications}). Plugins never reach the database themselves: a
 * {@link Notifier} that delivers in the application hands its notification to this inbox, which
 * the host passes to every call. A notifier for another channel (SMS, e-mail) ignores it.
 *
 * <p>Implemented by the host only. Thread-safe.
 *
 * @since 1.1
 */
public interface NotificationInbox {

    /**
     * Stores the notification for its recipient, unread. Durable when this returns (it runs in a
     * transaction of its own).
     */
    void deliver(Notification notification);
}
