-- Blobs addressed by (namespace, key) through the BlobStore gRPC service (GameClips assets).
CREATE TABLE named_blob (
    namespace       VARCHAR(64)   NOT NULL,
    blob_key        VARCHAR(1024) NOT NULL,
    version_id      UUID          NOT NULL REFERENCES blob_version (id),
    etag            VARCHAR(24)   NOT NULL,
    -- The upload that produced this version: a retried Commit of the same upload answers it again.
    upload_id       VARCHAR(128)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (namespace, blob_key)
);
