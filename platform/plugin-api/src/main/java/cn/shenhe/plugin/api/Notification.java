package cn.shenhe.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a candidate should be told: a reviewer's comment they can see, or a change of their
 * registration's status. Handed to every {@link Notifier} the candidate's district names.
 *
 * @param district       the district (tenant) code
 * @param recipient      the candidate's subject (Keycloak user id): who is told
 * @param registrationId the registration it is about
 * @param kind           what happened
 * @param title          a short line, e.g. 审核意见 / Review comment
 * @param body           the text, e.g. the comment itself
 * @param at             when it happened
 * @param link           where in the application the candidate sees it (a path such as
 *                       {@code /districts/bj/registrations/01J...}), or {@code null}
 * @since 1.1
 */
public record Notification(String district, String recipient, String registrationId, Kind kind,
                           LocalizedText title, LocalizedText body, Instant at, String link) {

    /** What a notification is about. */
    public enum Kind {
        /** A review comment (审核意见) the candidate can see. */
        COMMENT,
        /** The registration's status changed (考点通过, 审核通过, 审核拒绝, ...). */
        STATUS
    }

    public Notification {
        Objects.requireNonNull(district, "district");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }

    /** The same notification with another title and body (e.g. a plugin's own wording). */
    public Notification withText(LocalizedText newTitle, LocalizedText newBody) {
        return new Notification(district, recipient, registrationId, kind, newTitle, newBody, at, link);
    }
}
