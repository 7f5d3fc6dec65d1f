-- The clip lifecycle after the initial request: PendingUpload -> Uploaded (all blocks committed) -> Processing (a
-- worker holds a lease) -> Published | Error. Error clips keep their row (the reason is shown to the owner); their
-- bytes are deleted and their quota released by a cleanup that is retried until storage-service confirms it.
ALTER TABLE game_clip
    ADD COLUMN uploaded_at                   TIMESTAMPTZ,
    ADD COLUMN uploaded_size                 BIGINT,
    -- BlobStore's composite checksum of the committed video ("<hex>-N"), not the file's SHA-256.
    ADD COLUMN upload_checksum               VARCHAR(80),
    ADD COLUMN processing_started_at         TIMESTAMPTZ,
    ADD COLUMN processing_worker_id          VARCHAR(256),
    ADD COLUMN processing_lease_expires_at   TIMESTAMPTZ,
    ADD COLUMN published_at                  TIMESTAMPTZ,
    ADD COLUMN sha256_hex                    VARCHAR(64),
    ADD COLUMN error_reason                  VARCHAR(1024),
    ADD COLUMN error_at                      TIMESTAMPTZ,
    ADD COLUMN storage_cleanup_pending       BOOLEAN        NOT NULL DEFAULT FALSE,
    ADD COLUMN large_thumbnail_size          BIGINT,
    ADD COLUMN large_thumbnail_content_type  VARCHAR(128),
    ADD COLUMN small_thumbnail_size          BIGINT,
    ADD COLUMN small_thumbnail_content_type  VARCHAR(128);

-- ClaimProcessing: the oldest Uploaded clip, or a Processing clip whose lease ran out.
CREATE INDEX game_clip_awaiting_processing ON game_clip (uploaded_at) WHERE state = 'Uploaded';
CREATE INDEX game_clip_processing_lease ON game_clip (processing_lease_expires_at) WHERE state = 'Processing';
-- The sweeper's retry of storage cleanups that could not reach storage-service.
CREATE INDEX game_clip_cleanup_pending ON game_clip (error_at) WHERE storage_cleanup_pending;
