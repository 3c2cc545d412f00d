-- District administration: each district's configuration, versioned (append-only), and the
-- sample images a district uploads in place of its plugins' ones. Portable SQL (H2, PostgreSQL).

-- Every version of a district's configuration, in the tenant-config YAML schema. Append-only:
-- a change or a revert adds a version; the application never updates or deletes a row
-- (PostgreSQL also refuses it, V5_1). The highest version_no is the one in force.
CREATE TABLE district_config_version (
    id              VARCHAR(26)   NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)   NOT NULL,
    version_no      INTEGER       NOT NULL,
    document        VARCHAR(200000) NOT NULL,
    author_sub      VARCHAR(64),
    author_username VARCHAR(255)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    summary         VARCHAR(1000) NOT NULL,
    reverted_from   INTEGER,
    CONSTRAINT uq_district_config_version UNIQUE (district_id, version_no)
);

-- A district's own sample image (示例图片) for a material type: served instead of the plugin's.
CREATE TABLE district_sample (
    id              VARCHAR(26)   NOT NULL PRIMARY KEY,
    district_id     VARCHAR(32)   NOT NULL,
    material_type   VARCHAR(40)   NOT NULL,
    blob_key        VARCHAR(200)  NOT NULL,
    content_type    VARCHAR(40)   NOT NULL,
    byte_count      BIGINT        NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    uploaded_by     VARCHAR(255)  NOT NULL,
    uploaded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_district_sample_type UNIQUE (district_id, material_type)
);
