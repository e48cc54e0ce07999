-- What every instance must know of the indexer's state beyond its checkpoint:
-- * a halt (a reorg deeper than finality, a log that does not decode), so that any instance's reads say they are
--   stale, not only the one indexing;
-- * the recoveries an operator ran (the reindex command): how many, the block they went back to, and the node's head
--   when they did, so that consumers of the index (the account events) repair what they derived from removed blocks.
alter table idx_chain
    add column halted_reason   text,
    add column halted_since    timestamptz,
    add column recovery_count  bigint not null default 0,
    add column recovered_to    bigint,
    add column recovery_target bigint;
