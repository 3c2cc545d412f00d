-- Where e-mail notices reach a candidate: the address given when registering, or the account's
-- verified one (the mobile number is already in phone).
ALTER TABLE registration ADD COLUMN email VARCHAR(254);

-- Notices to send by e-mail or SMS (cn.shenhe.notification.NoticeOutbox): one row per notice and
-- sending plugin, written in the transaction of the change it tells of, sent later by a worker that
-- claims due rows (FOR UPDATE SKIP LOCKED, then a lease in next_attempt_at) so no two nodes send
-- one. PENDING until sent (SENT) or given up after the plugin's last try (FAILED); a finished
-- row keeps only a masked address.
CREATE TABLE notice_outbox (
    id              VARCHAR(26)   NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)   NOT NULL,
    plugin_id       VARCHAR(64)   NOT NULL,
    channel         VARCHAR(10)   NOT NULL,
    address         VARCHAR(254)  NOT NULL,
    recipient_sub   VARCHAR(64)   NOT NULL,
    registration_id VARCHAR(26),
    kind            VARCHAR(20)   NOT NULL,
    title_zh        VARCHAR(200)  NOT NULL,
    title_en        VARCHAR(200)  NOT NULL,
    body_zh         VARCHAR(2000) NOT NULL,
    body_en         VARCHAR(2000) NOT NULL,
    link            VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(128),
    last_error      VARCHAR(500),
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notice_outbox_due ON notice_outbox (status, next_attempt_at);
CREATE INDEX ix_notice_outbox_district ON notice_outbox (district_id, status, created_at);
