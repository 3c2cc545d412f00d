-- The orphan sweep asks, for each stored blob, whether a row still names it.
CREATE INDEX ix_material_image_blob ON material_image (blob_key);
