-- Shenhe schema v1: registrations, their material pictures, review comments, the audit log.
-- Every tenant-owned table carries district_id (NOT NULL: an insert without a tenant must fail)
-- and leads its indexes with it. Portable SQL: runs unchanged on H2 and PostgreSQL.

CREATE TABLE registration (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    candidate_sub   VARCHAR(64)  NOT NULL,
    candidate_username VARCHAR(255) NOT NULL,
    candidate_name  VARCHAR(100) NOT NULL,
    id_number       VARCHAR(18),
    phone           VARCHAR(20),
    exam_year       INTEGER      NOT NULL,
    exam_category   VARCHAR(40)  NOT NULL,
    site_code       VARCHAR(40)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT uq_registration_candidate_year UNIQUE (district_id, candidate_sub, exam_year)
);
CREATE INDEX ix_registration_site ON registration (district_id, site_code, status);

CREATE TABLE material_image (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    registration_id VARCHAR(26)  NOT NULL REFERENCES registration (id),
    material_type   VARCHAR(40)  NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    blob_key        VARCHAR(200) NOT NULL,
    content_type    VARCHAR(40)  NOT NULL,
    stored_bytes    BIGINT       NOT NULL,
    width           INTEGER      NOT NULL,
    height          INTEGER      NOT NULL,
    original_format VARCHAR(10)  NOT NULL,
    original_bytes  BIGINT       NOT NULL,
    original_sha256 VARCHAR(64)  NOT NULL,
    check_warnings  VARCHAR(2000),
    uploaded_by     VARCHAR(64)  NOT NULL,
    uploaded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reviewed_at     TIMESTAMP WITH TIME ZONE,
    version         BIGINT       NOT NULL
);
CREATE INDEX ix_material_image_registration ON material_image (district_id, registration_id, material_type);
CREATE INDEX ix_material_image_sha ON material_image (district_id, original_sha256);

CREATE TABLE review_comment (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    registration_id VARCHAR(26)  NOT NULL REFERENCES registration (id),
    image_id        VARCHAR(26),
    material_type   VARCHAR(40),
    review_level    VARCHAR(10)  NOT NULL,
    visibility      VARCHAR(10)  NOT NULL,
    body            VARCHAR(2000) NOT NULL,
    author_sub      VARCHAR(64)  NOT NULL,
    author_name     VARCHAR(100) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_review_comment_registration ON review_comment (district_id, registration_id);

-- Append-only: the application only inserts (see AuditLog); PostgreSQL also refuses changes (V2).
CREATE TABLE audit_event (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)  NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_sub       VARCHAR(64),
    actor_username  VARCHAR(255) NOT NULL,
    action          VARCHAR(60)  NOT NULL,
    target_type     VARCHAR(40)  NOT NULL,
    target_id       VARCHAR(60)  NOT NULL,
    detail          VARCHAR(4000)
);
CREATE INDEX ix_audit_event_target ON audit_event (district_id, target_type, target_id);
