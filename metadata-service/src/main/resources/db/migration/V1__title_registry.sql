-- The title registry: titles, the SCIDs they own, their sandboxes, names and storage policies.
CREATE TABLE title (
    title_id          BIGINT PRIMARY KEY CHECK (title_id BETWEEN 0 AND 4294967295),
    sandbox_ids       JSONB        NOT NULL,
    default_locale    VARCHAR(35)  NOT NULL,
    display_names     JSONB        NOT NULL,
    clip_names        JSONB        NOT NULL,
    storage_policies  JSONB        NOT NULL,
    clip_quota_bytes  BIGINT       NOT NULL CHECK (clip_quota_bytes > 0),
    version           BIGINT       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);

-- A SCID belongs to exactly one title; resolving a SCID is a primary-key lookup.
CREATE TABLE title_scid (
    scid      VARCHAR(36) PRIMARY KEY,
    title_id  BIGINT NOT NULL REFERENCES title (title_id) ON DELETE CASCADE
);
CREATE INDEX title_scid_title_id ON title_scid (title_id);
