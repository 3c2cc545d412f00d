-- The newest snapshot of each district's search index, in the object store: a new or wiped node starts
-- from it and reads the change log after its position (rather than rebuilding from the database).
-- manifest: one line per index file, "name size parts"; the parts are blobs <blob_prefix>/<line number>.<n>.
CREATE TABLE search_snapshot (
    district      VARCHAR(32)     NOT NULL PRIMARY KEY,
    log_position  BIGINT          NOT NULL,
    blob_prefix   VARCHAR(256)    NOT NULL,
    manifest      VARCHAR(200000) NOT NULL,
    node_id       VARCHAR(128)    NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
