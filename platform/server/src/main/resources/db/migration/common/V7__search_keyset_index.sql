-- The search index is rebuilt by reading a district's registrations a page at a time in id order
-- (WHERE district_id = ? AND id > ? ORDER BY id): this index serves each page as a range scan,
-- where the primary key alone makes PostgreSQL read and sort the whole district for every page.
CREATE INDEX ix_registration_district_id ON registration (district_id, id);
