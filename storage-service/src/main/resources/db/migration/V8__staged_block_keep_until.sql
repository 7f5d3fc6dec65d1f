-- Staged blocks whose upload's lifetime its caller manages (GameClips) are kept until then however idle the upload is.
ALTER TABLE staged_block ADD COLUMN keep_until TIMESTAMPTZ;
