-- The warnings of the upload checks in words (zh-CN and en), as the check gave them: a JSON list of
-- {code, severity, message: {zh, en}}. check_warnings keeps the codes alone, for filtering the queue.
ALTER TABLE material_image ADD COLUMN check_findings VARCHAR(8000);
