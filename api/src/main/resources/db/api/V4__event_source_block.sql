-- The block a chain-sourced event stands for, so that a reorg that orphans the block can retract the event.
-- block_hash is null for events that do not come from the chain, and once an event has been retracted.
alter table api_account_event add column block_number bigint, add column block_hash text;
create index api_account_event_block on api_account_event (block_number) where block_hash is not null;
