-- A reservation not committed by then is released by the sweeper (its reserver failed before recording it).
ALTER TABLE quota_reservation ADD COLUMN hold_until TIMESTAMPTZ;
CREATE INDEX quota_reservation_hold ON quota_reservation (hold_until) WHERE state = 'RESERVED' AND hold_until IS NOT NULL;
