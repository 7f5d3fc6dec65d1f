-- The clip catalog as players see it: ratings, views, flags, deletion, the owners' privacy setting, and the
-- indexes every list query is answered from (keyset pagination: sort key, then game_clip_id as tie-breaker).
ALTER TABLE game_clip
    -- Mean of game_clip_rating.rating, kept with the count so "Top Rated" sorts from an index.
    ADD COLUMN rating         DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN rating_count   BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum     BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN views          BIGINT           NOT NULL DEFAULT 0,
    -- Set while an unresolved flag is open: the clip leaves public lists and answers 404 to single gets.
    ADD COLUMN flagged_at     TIMESTAMPTZ,
    -- Set by DELETE: the row stays as a tombstone (a repeated delete is 404) until its bytes are gone.
    ADD COLUMN deleted_at     TIMESTAMPTZ;

-- One rating per rater per clip; a new rating by the same rater replaces the old one.
CREATE TABLE game_clip_rating (
    game_clip_id  VARCHAR(36)  NOT NULL REFERENCES game_clip (game_clip_id) ON DELETE CASCADE,
    rater_xuid    VARCHAR(64)  NOT NULL,
    rating        SMALLINT     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (game_clip_id, rater_xuid)
);

-- Reports of objectionable clips, reviewed by operators. One open report per reporter per clip.
CREATE TABLE game_clip_flag (
    id             BIGSERIAL     PRIMARY KEY,
    game_clip_id   VARCHAR(36)   NOT NULL REFERENCES game_clip (game_clip_id) ON DELETE CASCADE,
    reporter_xuid  VARCHAR(64)   NOT NULL,
    flagged_at     TIMESTAMPTZ   NOT NULL,
    resolved_at    TIMESTAMPTZ,
    resolution     VARCHAR(16),
    resolved_by    VARCHAR(256)
);
CREATE UNIQUE INDEX game_clip_flag_open_per_reporter ON game_clip_flag (game_clip_id, reporter_xuid) WHERE resolved_at IS NULL;
CREATE INDEX game_clip_flag_open ON game_clip_flag (flagged_at) WHERE resolved_at IS NULL;

-- Who may see the clips a user created with visibility Default (privacy permission ViewTargetUserCreatedContent).
-- No row means Everyone.
CREATE TABLE clip_privacy (
    owner_xuid       VARCHAR(64)  PRIMARY KEY,
    created_content  VARCHAR(16)  NOT NULL CHECK (created_content IN ('Everyone', 'OwnerOnly')),
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- User lists (/users/{ownerId}/clips, …/scids/{scid}/clips, …/titles/{titleId}/clips, and their /saved variants):
-- one index per scope and sort key; the saved filter and visibility are applied on the rows walked in order.
DROP INDEX game_clip_owner_scid;
CREATE INDEX game_clip_owner_created ON game_clip (owner_xuid, created_at, game_clip_id) WHERE deleted_at IS NULL;
CREATE INDEX game_clip_owner_scid_created ON game_clip (owner_xuid, scid, created_at, game_clip_id) WHERE deleted_at IS NULL;
CREATE INDEX game_clip_owner_title_created ON game_clip (owner_xuid, title_id, created_at, game_clip_id) WHERE deleted_at IS NULL;
CREATE INDEX game_clip_owner_rating ON game_clip (owner_xuid, rating, game_clip_id) WHERE deleted_at IS NULL;
CREATE INDEX game_clip_owner_views ON game_clip (owner_xuid, views, game_clip_id) WHERE deleted_at IS NULL;
-- Public lists (/public/scids/{scid}/clips, /public/titles/{titleId}/clips[/saved]): only published, unflagged clips.
CREATE INDEX game_clip_public_created ON game_clip (scid, created_at, game_clip_id)
    WHERE state = 'Published' AND flagged_at IS NULL AND deleted_at IS NULL;
CREATE INDEX game_clip_public_rating ON game_clip (scid, rating, game_clip_id)
    WHERE state = 'Published' AND flagged_at IS NULL AND deleted_at IS NULL;
CREATE INDEX game_clip_public_views ON game_clip (scid, views, game_clip_id)
    WHERE state = 'Published' AND flagged_at IS NULL AND deleted_at IS NULL;
-- Retention: the oldest unsaved clips of one owner and title.
CREATE INDEX game_clip_retention ON game_clip (owner_xuid, title_id, created_at) WHERE NOT saved_by_user AND deleted_at IS NULL;
