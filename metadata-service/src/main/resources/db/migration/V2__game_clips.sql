-- The clip catalog: one row per clip, created by the initial upload request (state PendingUpload) after its
-- bytes were reserved in storage-service's Quota. Titles are referenced by value (no foreign key): a clip's
-- history outlives edits of the registry.
CREATE TABLE game_clip (
    game_clip_id             VARCHAR(36)    PRIMARY KEY,
    owner_xuid               VARCHAR(64)    NOT NULL,
    title_id                 BIGINT         NOT NULL,
    scid                     VARCHAR(36)    NOT NULL,
    sandbox_id               VARCHAR(64)    NOT NULL,
    device_type              VARCHAR(64)    NOT NULL,
    device_id                VARCHAR(256)   NOT NULL,
    state                    VARCHAR(16)    NOT NULL,
    greatest_moment_id       VARCHAR(256),
    user_caption             VARCHAR(250),
    session_ref              VARCHAR(256),
    date_recorded            TIMESTAMPTZ    NOT NULL,
    duration_seconds         BIGINT         NOT NULL CHECK (duration_seconds BETWEEN 1 AND 4294967295),
    expected_blocks          BIGINT         NOT NULL CHECK (expected_blocks >= 1),
    file_size                BIGINT         NOT NULL CHECK (file_size > 0 AND expected_blocks <= file_size),
    clip_types               VARCHAR(128)   NOT NULL,
    source                   VARCHAR(16)    NOT NULL,
    visibility               VARCHAR(16)    NOT NULL,
    title_data               VARCHAR(10240),
    system_properties        VARCHAR(10240),
    users_in_session         JSONB          NOT NULL,
    thumbnail_source         VARCHAR(16)    NOT NULL,
    thumbnail_offset_millis  INTEGER,
    saved_by_user            BOOLEAN        NOT NULL,
    quota_reservation_id     VARCHAR(64)    NOT NULL,
    idempotency_key          VARCHAR(128),
    request_fingerprint      VARCHAR(64)    NOT NULL,
    created_at               TIMESTAMPTZ    NOT NULL,
    last_modified_at         TIMESTAMPTZ    NOT NULL,
    upload_expires_at        TIMESTAMPTZ    NOT NULL,
    -- Concurrent retries with one Idempotency-Key cannot create two clips (NULL keys never clash).
    CONSTRAINT game_clip_owner_idempotency_key UNIQUE (owner_xuid, idempotency_key)
);
CREATE INDEX game_clip_owner_scid ON game_clip (owner_xuid, scid, created_at DESC);
CREATE INDEX game_clip_pending_expiry ON game_clip (upload_expires_at) WHERE state = 'PendingUpload';
