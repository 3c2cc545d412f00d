-- Who did it, in which role: a read of personal data is judged by the role it was made in
-- (a candidate is shown the role and level of whoever viewed their pictures, never the name).
ALTER TABLE audit_event ADD COLUMN actor_role VARCHAR(32);
