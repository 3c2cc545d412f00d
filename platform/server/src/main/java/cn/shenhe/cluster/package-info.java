/**
 * What identical nodes share through the database. {@link ChangeLog}: every committed change to a
 * registration or a district's configuration is a row, written in the change's transaction;
 * {@link LogFollower} reads it on every node with its own cursor ({@link LogCursor}: commit-safe
 * order, {@link LogDialect}) and hands the changes to the node's observers (its search indexes, its
 * district directory). {@link JobLeases}: periodic jobs run on one node at a time. {@link NodeId}:
 * who this node is in leases and heartbeats.
 */
package cn.shenhe.cluster;
