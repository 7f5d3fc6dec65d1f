-- How many times a clip was handed to a processing worker: a clip no worker can finish (it cannot be read, or the
-- tools always time out) ends in Error after savepoint.metadata.clips.processing-max-attempts instead of forever.
ALTER TABLE game_clip ADD COLUMN processing_attempts INTEGER NOT NULL DEFAULT 0;
