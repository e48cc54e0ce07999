-- The deployment manifest: which contract of the suite lives where, per chain. A chain is identified by its id and
-- its genesis block hash, so that a local node restarted from scratch (same id, new genesis) gets a fresh deployment
-- instead of addresses that no longer hold code.

create table chain_deployed_contract (
    chain_id          bigint      not null check (chain_id > 0),
    genesis_hash      text        not null check (genesis_hash ~ '^0x[0-9a-f]{64}$'),
    contract_name     text        not null,
    address           text        not null check (address ~ '^0x[0-9a-f]{40}$'),
    -- Null for contracts we did not deploy ourselves (an external stablecoin such as USDC).
    transaction_hash  text        check (transaction_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint      check (block_number >= 0),
    recorded_at       timestamptz not null default now(),
    primary key (chain_id, genesis_hash, contract_name)
);

-- One row once every contract is deployed and every platform role granted: the manifest is complete.
create table chain_deployment (
    chain_id          bigint      not null check (chain_id > 0),
    genesis_hash      text        not null check (genesis_hash ~ '^0x[0-9a-f]{64}$'),
    operator_address  text        not null check (operator_address ~ '^0x[0-9a-f]{40}$'),
    completed_at      timestamptz not null default now(),
    primary key (chain_id, genesis_hash)
);
