-- H2 runs Java triggers only; the application never updates or deletes config versions (see V5).
-- Kept so both databases share one version history.
SELECT 1;
