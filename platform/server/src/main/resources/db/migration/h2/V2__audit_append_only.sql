-- H2 runs Java triggers only; the application's AuditLog never updates or deletes (see V1).
-- Kept so both databases share one version history.
SELECT 1;
