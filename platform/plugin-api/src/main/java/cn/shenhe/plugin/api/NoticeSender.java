package cn.shenhe.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Sends notices to candidates outside the application: e-mail, SMS. Unlike a {@link Notifier}, a
 * sender is never called on the thread of the change: the host writes each notice to its
 * persistent outbox in the change's own transaction (with the candidate's address of this
 * sender's {@link #channel()}), and a worker of one node at a time calls {@link #send} later. A
 * send that throws is retried with exponential backoff and, after the last try, reported to the
 * district's administrators; so a sender need not queue or retry anything itself, and must not
 * swallow a failure.
 *
 * <p>A notice is sent at most once while the host's outbox claim on it lasts; a node that dies in
 * the middle of a send leaves it to be sent again when the claim lapses (at least once, then).
 *
 * @since 1.3
 */
public interface NoticeSender extends ExtensionPoint {

    /** Which of the candidate's addresses a sender needs. */
    enum Channel {
        /** The e-mail address the candidate registered with (or their account's). */
        EMAIL,
        /** The mobile number the candidate registered with (11 digits). */
        SMS
    }

    Channel channel();

    /**
     * Sends one notice now, on a worker thread; returns once the gateway or mail server has
     * accepted it.
     *
     * @param notification what to tell whom
     * @param address      the candidate's address on {@link #channel()}
     * @param settings     the district's settings for this plugin ({@code plugins[].settings})
     * @throws Exception   anything that means "not sent": the host tries again later
     */
    void send(Notification notification, String address, PluginSettings settings) throws Exception;

    /**
     * Checks the settings when a district's configuration is loaded or changed (an
     * {@link IllegalArgumentException} refuses it, naming the setting): nothing is sent.
     */
    default void validate(PluginSettings settings) {
    }
}
