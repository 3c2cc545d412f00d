-- Each user's upload rate limit shared by every node (cn.shenhe.material.SharedUploadLimits, PostgreSQL):
-- the "theoretical arrival time" of a GCRA in microseconds of the database's clock. A row whose time has
-- passed is a full allowance, as no row is; such rows are pruned now and then.
CREATE TABLE upload_bucket (
    subject     VARCHAR(255) NOT NULL PRIMARY KEY,
    tat_micros  BIGINT       NOT NULL
);
