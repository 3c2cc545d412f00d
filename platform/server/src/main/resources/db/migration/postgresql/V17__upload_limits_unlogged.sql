-- The shared upload limits' rows (V16) coordinate the nodes; they record nothing. Unlogged, an upload's three
-- statements on them (its rate, its registration's turn taken and given back) commit without a WAL flush each:
-- PostgreSQL does not wait for the disk when a transaction wrote only unlogged tables. What that gives up is
-- harmless here: after a database crash the tables start empty (every user's full allowance, no turn held:
-- the uploads in flight failed with the crash anyway), and a standby has them empty after a failover.
ALTER TABLE upload_bucket SET UNLOGGED;
ALTER TABLE upload_turn SET UNLOGGED;
