-- A transaction with a receipt is watched until its block is final: a reorg above that depth can drop it (a node
-- such as Hardhat's evm_revert drops it for good), the chain's nonce then goes back, and the intent must go out
-- again at its own nonce. finalized_at is set once the block is deeper than the finality depth.
alter table chain_tx add column finalized_at timestamptz;

-- What was settled before this column existed is taken as final.
update chain_tx set finalized_at = updated_at where status in ('CONFIRMED', 'FAILED') and block_number is not null;

create index chain_tx_unfinal_by_account on chain_tx (chain_id, from_address, block_number)
    where finalized_at is null and block_number is not null and status in ('CONFIRMED', 'FAILED');
