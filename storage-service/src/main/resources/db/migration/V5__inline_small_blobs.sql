-- Small versions (JSON saves, config, small binaries) keep their bytes in the row: reading one, or a batch of many
-- users' copies, is a query with no file access.
ALTER TABLE blob_version ADD COLUMN inline_data BYTEA;
