-- In-app notifications (站内通知) for candidates: a review comment or a status change, stored by
-- the inapp-notifications plugin through the host's NotificationInbox. Newest first per recipient.
CREATE TABLE notification (
    id              VARCHAR(26)   NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)   NOT NULL,
    recipient_sub   VARCHAR(64)   NOT NULL,
    registration_id VARCHAR(26),
    kind            VARCHAR(20)   NOT NULL,
    title_zh        VARCHAR(200)  NOT NULL,
    title_en        VARCHAR(200)  NOT NULL,
    body_zh         VARCHAR(2000) NOT NULL,
    body_en         VARCHAR(2000) NOT NULL,
    link            VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notification_recipient ON notification (district_id, recipient_sub, created_at);
