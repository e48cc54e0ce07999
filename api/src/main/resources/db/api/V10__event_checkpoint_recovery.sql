-- The index recoveries (idx_chain.recovery_count) whose removed blocks the account events have been repaired for:
-- a recovery counted beyond it makes the projector retract what it derived from those blocks and project again.
alter table api_event_checkpoint add column recovery_count bigint not null default 0;
