-- Reuse detection (issue 16 §2). Each picture's 64-bit perceptual hash (cn.shenhe.material.reuse.PerceptualHash,
-- taken before the watermark; NULL until the backfill reaches a picture stored before this migration), and the
-- hash cut into four 16-bit bands, one indexed column each: two hashes within the threshold share a band within
-- one bit (ReuseBands), so a lookup reads four index ranges, never the table. Each band index also holds the
-- district (a district's own lookup), the hash and the id: the lookup is answered from the index alone.
ALTER TABLE material_image ADD COLUMN phash BIGINT;
ALTER TABLE material_image ADD COLUMN phash_b0 INTEGER;
ALTER TABLE material_image ADD COLUMN phash_b1 INTEGER;
ALTER TABLE material_image ADD COLUMN phash_b2 INTEGER;
ALTER TABLE material_image ADD COLUMN phash_b3 INTEGER;
CREATE INDEX ix_material_image_phash_b0 ON material_image (phash_b0, district_id, phash, id);
CREATE INDEX ix_material_image_phash_b1 ON material_image (phash_b1, district_id, phash, id);
CREATE INDEX ix_material_image_phash_b2 ON material_image (phash_b2, district_id, phash, id);
CREATE INDEX ix_material_image_phash_b3 ON material_image (phash_b3, district_id, phash, id);

-- A picture found within the threshold of another candidate's picture: one row per direction, each owned by the
-- district of its image_id (so a district reads its own rows; the other side may be another district's picture,
-- shown only to national admins). Rows go when either picture is deleted.
CREATE TABLE image_reuse (
    district_id           VARCHAR(32) NOT NULL,
    image_id              VARCHAR(26) NOT NULL,
    registration_id       VARCHAR(26) NOT NULL,
    other_district_id     VARCHAR(32) NOT NULL,
    other_image_id        VARCHAR(26) NOT NULL,
    other_registration_id VARCHAR(26) NOT NULL,
    distance              INTEGER     NOT NULL,
    found_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (image_id, other_image_id)
);
CREATE INDEX ix_image_reuse_registration ON image_reuse (district_id, registration_id);
CREATE INDEX ix_image_reuse_other ON image_reuse (other_image_id);
CREATE INDEX ix_image_reuse_found ON image_reuse (found_at);
