-- Bytes used and reserved per owner scope: (sandbox, SCID, family, owner xuid / session id / '' for global).
CREATE TABLE quota_usage (
    sandbox_id      VARCHAR(64)  NOT NULL,
    scid            VARCHAR(36)  NOT NULL,
    family          VARCHAR(16)  NOT NULL,
    owner           VARCHAR(128) NOT NULL,
    used_bytes      BIGINT       NOT NULL DEFAULT 0 CHECK (used_bytes >= 0),
    reserved_bytes  BIGINT       NOT NULL DEFAULT 0 CHECK (reserved_bytes >= 0),
    PRIMARY KEY (sandbox_id, scid, family, owner)
);
