package cn.shenhe.notification;

import cn.shenhe.plugin.api.LocalizedText;
import java.util.Objects;

/**
 * Something a candidate should be told about their registration: fire it (CDI {@code Event})
 * inside the transaction of every review comment the candidate can see and of every status
 * change. {@link NotificationDispatcher} hands it to the district's notifiers once, and only if,
 * that transaction commits.
 *
 * @param district         the district (tenant) code
 * @param registrationId   the registration it is about
 * @param candidateSubject the candidate's subject (token {@code sub}): the only one who will see it
 * @param kind             a comment or a status change
 * @param title            a short line in zh-CN and English
 * @param body             the text (the comment, or the new status explained)
 */
public record CandidateNotice(String district, String registrationId, String candidateSubject, Kind kind,
                              LocalizedText title, LocalizedText body) {

    public enum Kind {
        COMMENT, STATUS
    }

    public CandidateNotice {
        Objects.requireNonNull(district, "district");
        Objects.requireNonNull(candidateSubject, "candidateSubject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}
