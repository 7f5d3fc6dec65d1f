-- Title Storage: the current version of each blob, by owner scope and full path. Paths are ASCII and compared
-- in the C collation, so the primary key serves both prefix listings (LIKE 'prefix%') and their ordering.
CREATE TABLE title_blob (
    sandbox_id        VARCHAR(64)  NOT NULL,
    scid              VARCHAR(36)  NOT NULL,
    family            VARCHAR(16)  NOT NULL,
    owner             VARCHAR(128) NOT NULL,
    path              VARCHAR(256) COLLATE "C" NOT NULL,
    blob_type         VARCHAR(8)   COLLATE "C" NOT NULL,
    version_id        UUID         NOT NULL REFERENCES blob_version (id),
    etag              VARCHAR(24)  NOT NULL,
    size              BIGINT       NOT NULL,
    display_name      VARCHAR(512),
    client_file_time  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (sandbox_id, scid, family, owner, path, blob_type)
);

-- A multi-block binary upload in progress (finalBlock=false ... finalBlock=true), named by its continuation token.
CREATE TABLE title_upload (
    id                UUID         PRIMARY KEY,
    sandbox_id        VARCHAR(64)  NOT NULL,
    scid              VARCHAR(36)  NOT NULL,
    family            VARCHAR(16)  NOT NULL,
    owner             VARCHAR(128) NOT NULL,
    path              VARCHAR(256) NOT NULL,
    blob_type         VARCHAR(8)   NOT NULL,
    next_block        INT          NOT NULL,
    staged_bytes      BIGINT       NOT NULL,
    display_name      VARCHAR(512),
    client_file_time  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX title_upload_created ON title_upload (created_at);
