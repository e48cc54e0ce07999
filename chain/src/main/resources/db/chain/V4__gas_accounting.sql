-- What the operator's gas pays for, and for whom: the account that caused an intent ("account:<id>", or null for
-- the platform's own writes: deployment, grants), the price the block charged, and when the receipt was recorded.
-- gas_used × effective_gas_price is what an intent cost; a reorg that drops it clears both until it is mined again.
alter table chain_tx
    add column requested_by        text check (length(requested_by) between 1 and 100),
    add column effective_gas_price numeric(78, 0) check (effective_gas_price >= 0),
    add column mined_at            timestamptz;
create index chain_tx_mined_at on chain_tx (mined_at) where mined_at is not null;
