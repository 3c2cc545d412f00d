-- Shenhe schema v4: two-level review. Queue and claim live on the registration (one row to lock
-- for uploads, decisions and claims alike); appointments for on-site review (现场审核).

-- What the candidate sees: outcomes (SITE_PASSED, APPROVED, REJECTED) wait here until published.
ALTER TABLE registration ADD COLUMN published_status VARCHAR(20);
UPDATE registration SET published_status = status;
ALTER TABLE registration ALTER COLUMN published_status SET NOT NULL;
-- The review queue the registration waits in (SITE, DISTRICT; NULL: in none) and since when.
ALTER TABLE registration ADD COLUMN queue_level VARCHAR(10);
ALTER TABLE registration ADD COLUMN queued_at TIMESTAMP WITH TIME ZONE;
-- The first time every required material was present (the start of "time to decision").
ALTER TABLE registration ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
-- A reviewer's lease on the registration: not offered to others until it expires.
ALTER TABLE registration ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE registration ADD COLUMN claimed_by_name VARCHAR(255);
ALTER TABLE registration ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registration ADD COLUMN last_reviewed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registration ADD COLUMN site_passed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registration ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registration ADD COLUMN reject_reason VARCHAR(2000);
CREATE INDEX ix_registration_queue ON registration (district_id, queue_level, site_code, queued_at);

-- A picture uploaded after the registration was reviewed: reviewers see it marked until they decide on it.
ALTER TABLE material_image ADD COLUMN changed_since_review BOOLEAN DEFAULT FALSE NOT NULL;

-- One appointment per registration (rebooking changes its slot); slots themselves are configuration.
CREATE TABLE appointment (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    registration_id VARCHAR(26)  NOT NULL REFERENCES registration (id),
    slot_id         VARCHAR(80)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    booked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_in_at   TIMESTAMP WITH TIME ZONE,
    checked_in_by   VARCHAR(64),
    version         BIGINT       NOT NULL,
    CONSTRAINT uq_appointment_registration UNIQUE (district_id, registration_id)
);
CREATE INDEX ix_appointment_slot ON appointment (district_id, slot_id, status);

-- How many bookings a slot holds; its row is what concurrent bookings lock, so capacity holds.
-- Slot ids begin with their site's code, which begins with the district's: unique across districts.
CREATE TABLE appointment_slot (
    id              VARCHAR(80)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    booked          INTEGER      NOT NULL
);
