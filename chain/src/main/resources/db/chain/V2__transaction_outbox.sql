-- The transaction outbox. Every chain write is an intent, unique on its idempotency key; one sender per signing
-- account assigns nonces in order and stores each signed transaction before it is broadcast, so that a restart at
-- any point re-broadcasts or looks up what was stored, and nothing is sent twice.

create table chain_tx (
    id                bigint      generated always as identity primary key,
    idempotency_key   text        not null unique check (length(idempotency_key) between 1 and 200),
    purpose           text        not null check (length(purpose) between 1 and 100),
    chain_id          bigint      not null check (chain_id > 0),
    genesis_hash      text        not null check (genesis_hash ~ '^0x[0-9a-f]{64}$'),
    from_address      text        not null check (from_address ~ '^0x[0-9a-f]{40}$'),
    -- Null for a contract creation.
    to_address        text        check (to_address ~ '^0x[0-9a-f]{40}$'),
    calldata          bytea       not null,
    value_wei         numeric(78, 0) not null default 0 check (value_wei >= 0),
    -- Set by the submitter to skip estimation; else estimated when the intent is signed.
    gas_limit         bigint      check (gas_limit > 0),
    -- Set when simulation reverted while earlier intents of the account were unmined (it may depend on them): the
    -- account's nonce that every one of those earlier intents will have reached. A revert once the chain's nonce
    -- has passed it is final.
    simulation_deferred_until_nonce bigint check (simulation_deferred_until_nonce >= 0),
    status            text        not null check (status in ('PENDING', 'SIGNED', 'BROADCAST', 'MINED', 'CONFIRMED', 'FAILED')),
    nonce             bigint      check (nonce >= 0),
    attempts          integer     not null default 0 check (attempts >= 0),
    tx_hash           text        check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint      check (block_number >= 0),
    block_hash        text        check (block_hash ~ '^0x[0-9a-f]{64}$'),
    contract_address  text        check (contract_address ~ '^0x[0-9a-f]{40}$'),
    gas_used          bigint,
    last_error        text,
    revert_reason     text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (chain_id, genesis_hash, from_address, nonce),
    check ((status = 'PENDING') = (nonce is null) or status = 'FAILED'),
    check (status not in ('MINED', 'CONFIRMED') or (block_number is not null and block_hash is not null and tx_hash is not null))
);

-- Without the genesis hash: queries filter it from the row (another chain with the same id is a rare, development
-- case), and with those 66 characters in the key, measured throughput fell from about 350 to 260 intents/s.
create index chain_tx_open_by_account on chain_tx (chain_id, from_address, id)
    where status in ('PENDING', 'SIGNED', 'BROADCAST', 'MINED');

-- Every signed transaction, stored before its broadcast. A stuck transaction is replaced at the same nonce with
-- higher fees: a new attempt of the same intent. Any attempt of an intent may be the one that is mined.
-- Keyed by intent and hash: two chains that share an id (a development chain started afresh under the same
-- database) can see byte-identical transactions from different intents.
create table chain_tx_attempt (
    chain_tx_id               bigint      not null references chain_tx (id),
    tx_hash                   text        not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    nonce                     bigint      not null check (nonce >= 0),
    gas_limit                 bigint      not null check (gas_limit > 0),
    max_fee_per_gas           numeric(78, 0) not null check (max_fee_per_gas > 0),
    max_priority_fee_per_gas  numeric(78, 0) not null check (max_priority_fee_per_gas >= 0),
    raw_transaction           bytea       not null,
    signed_at                 timestamptz not null default now(),
    broadcast_at              timestamptz,
    primary key (chain_tx_id, tx_hash)
);

-- The next nonce of each signing account, advanced in the same database transaction that stores signed attempts.
create table chain_account_nonce (
    chain_id      bigint  not null check (chain_id > 0),
    genesis_hash  text    not null check (genesis_hash ~ '^0x[0-9a-f]{64}$'),
    address       text    not null check (address ~ '^0x[0-9a-f]{40}$'),
    next_nonce    bigint  not null check (next_nonce >= 0),
    primary key (chain_id, genesis_hash, address)
);
