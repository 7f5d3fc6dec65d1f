-- The blob engine: a version is an ordered list of immutable block files; publishing a version is one transaction.
CREATE TABLE blob_version (
    id            UUID PRIMARY KEY,
    size          BIGINT      NOT NULL CHECK (size >= 0),
    -- SHA-256 over the blocks' SHA-256 digests in order, suffixed "-<blocks>" (like S3 multipart ETags): computing it
    -- never re-reads the bytes, so a commit costs the same for any size.
    checksum      VARCHAR(80) NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    block_count   INT         NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE blob_block (
    version_id    UUID    NOT NULL REFERENCES blob_version (id) ON DELETE CASCADE,
    block_index   INT     NOT NULL,
    start_offset  BIGINT  NOT NULL,
    size          BIGINT  NOT NULL,
    sha256        VARCHAR(64) NOT NULL,
    file_key      VARCHAR(64) NOT NULL,
    PRIMARY KEY (version_id, block_index)
);

-- Blocks received for an upload that is not committed yet. Staging block N again replaces it.
CREATE TABLE staged_block (
    upload_id     VARCHAR(128) NOT NULL,
    block_num     INT          NOT NULL,
    size          BIGINT       NOT NULL,
    sha256        VARCHAR(64)     NOT NULL,
    file_key      VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (upload_id, block_num)
);
CREATE INDEX staged_block_created ON staged_block (created_at);

-- Block files to delete: files no longer referenced, and files being written (so a crash mid-write leaves no orphan).
CREATE TABLE blob_garbage (
    file_key      VARCHAR(64) PRIMARY KEY,
    created_at    TIMESTAMPTZ NOT NULL
);
