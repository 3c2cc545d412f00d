-- Periodic jobs run on one node at a time: a node runs a job only while it holds the job's lease
-- (taken by an UPDATE that matches only an expired lease or the holder's own).
CREATE TABLE job_lease (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every node's heartbeat and how far its committed search indexes have read the change log:
-- log rows below every live node's position can be pruned.
CREATE TABLE cluster_node (
    node_id       VARCHAR(128) NOT NULL PRIMARY KEY,
    log_position  BIGINT,
    seen_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- How far the change log has been pruned: an index whose position is below it has missed rows
-- and is rebuilt.
CREATE TABLE change_log_pruned (
    id     INTEGER NOT NULL PRIMARY KEY,
    below  BIGINT  NOT NULL
);
INSERT INTO change_log_pruned (id, below) VALUES (1, 0);
