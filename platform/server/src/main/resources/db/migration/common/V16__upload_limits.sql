-- Each user's upload rate limit shared by every node (cn.shenhe.material.SharedUploadLimits, PostgreSQL):
-- the "theoretical arrival time" of a GCRA in microseconds of the database's clock. A row whose time has
-- passed is a full allowance, as no row is; such rows are pruned now and then.
CREATE TABLE upload_bucket (
    subject     VARCHAR(255) NOT NULL PRIMARY KEY,
    tat_micros  BIGINT       NOT NULL
);

-- A registration's turn to process an upload, shared by every node: taken before decoding, deleted when the
-- upload is stored or refused; a node that dies holding one leaves it to lapse at until_micros.
CREATE TABLE upload_turn (
    registration_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder           VARCHAR(64)  NOT NULL,
    until_micros     BIGINT       NOT NULL
);
