-- Bytes held for an upload in progress. A reservation is committed (its bytes become used) or released.
CREATE TABLE quota_reservation (
    reservation_id  VARCHAR(128) PRIMARY KEY,
    sandbox_id      VARCHAR(64)  NOT NULL,
    scid            VARCHAR(36)  NOT NULL,
    family          VARCHAR(16)  NOT NULL,
    owner           VARCHAR(128) NOT NULL,
    bytes           BIGINT       NOT NULL CHECK (bytes >= 0),
    committed_bytes BIGINT,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('RESERVED', 'COMMITTED', 'RELEASED')),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    FOREIGN KEY (sandbox_id, scid, family, owner) REFERENCES quota_usage (sandbox_id, scid, family, owner)
);
CREATE INDEX quota_reservation_open ON quota_reservation (created_at) WHERE state = 'RESERVED';
