-- The indexer's tables. Addresses and hashes are lower-case 0x-hex text; token amounts are numeric(78) (uint256).
-- Every row derived from a log carries its block number, so that a rollback to a common ancestor is one delete per
-- table, and its log's identity. Raw logs are unique on (chain_id, block_hash, log_index); event rows are keyed by
-- (chain_id, block_number, log_index), which is unique on the one canonical chain the projections hold, and makes
-- the rollback's "block_number > ancestor" a range scan of the key instead of another index to maintain.

-- One row per indexed chain: where indexing started and the last block whose logs are all committed.
create table idx_chain (
    chain_id          bigint primary key,
    genesis_hash      text   not null,
    start_block       bigint not null,
    indexed_block     bigint not null,
    indexed_hash      text   not null,
    reorg_count       bigint not null default 0,
    updated_at        timestamptz not null default now()
);

-- Headers of blocks not yet final, plus the checkpoint's: what reorg detection compares parent hashes against.
create table idx_block (
    chain_id     bigint not null,
    number       bigint not null,
    hash         text   not null,
    parent_hash  text   not null,
    timestamp_s  bigint not null,
    primary key (chain_id, number)
);

-- The contracts whose logs are fetched: the registry and factory, and every clone discovered from OfferingCreated.
create table idx_contract (
    chain_id          bigint not null,
    address           text   not null,
    kind              text   not null check (kind in ('MASTER_REGISTRY', 'OFFERING_FACTORY', 'SHARES', 'SALE')),
    discovered_block  bigint not null,
    primary key (chain_id, address)
);

-- Every log of every watched contract, as the node gave it; in bytes, the largest table by far.
create table idx_log (
    chain_id           bigint  not null,
    block_number       bigint  not null,
    block_hash         bytea   not null,
    log_index          integer not null,
    transaction_hash   bytea   not null,
    address            bytea   not null,
    topic0             bytea   not null,
    topic1             bytea,
    topic2             bytea,
    topic3             bytea,
    data               bytea   not null,
    -- Unique on (chain_id, block_hash, log_index), since a block's hash fixes its number. Leading with the number
    -- makes every batch an append at the key's right edge (random hashes first cost a third of the backfill) and
    -- serves the rollback's range delete with the same index.
    primary key (chain_id, block_number, block_hash, log_index)
);

create table idx_master (
    chain_id          bigint  not null,
    token_id          numeric(78) not null,
    artist            text    not null,
    owner             text    not null,
    isrc_hash         text    not null,
    metadata_cid      text    not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, token_id)
);
create index idx_master_block on idx_master (chain_id, block_number);

-- Ownership changes of master NFTs (ERC-721 Transfer); a master's owner is its latest row.
create table idx_master_transfer (
    chain_id          bigint  not null,
    token_id          numeric(78) not null,
    from_address      text    not null,
    to_address        text    not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_master_transfer_token on idx_master_transfer (chain_id, token_id, block_number, log_index);

create table idx_offering (
    chain_id              bigint  not null,
    shares_address        text    not null,
    sale_address          text    not null,
    master_id             numeric(78) not null,
    treasury              text    not null,
    payout_token          text    not null,
    payment_token         text    not null,
    total_shares          numeric(78) not null,
    price_per_share       numeric(78) not null,
    starts_at_s           bigint  not null,
    ends_at_s             bigint  not null,
    transfers_restricted  boolean not null,
    unsold_shares         numeric(78),
    finalized_block       bigint,
    block_number          bigint  not null,
    block_hash            text    not null,
    log_index             integer not null,
    transaction_hash      text    not null,
    primary key (chain_id, shares_address),
    unique (chain_id, sale_address)
);
create index idx_offering_block on idx_offering (chain_id, block_number);

-- The dividend accumulator of a share token, as the contract keeps it.
create table idx_share_token (
    chain_id            bigint  not null,
    token               text    not null,
    units_per_share     numeric(78) not null,
    carried_remainder   numeric(78) not null,
    total_distributed   numeric(78) not null,
    total_claimed       numeric(78) not null,
    distribution_count  bigint  not null,
    primary key (chain_id, token)
);

-- Balances and dividend corrections per holder: claimable = units_per_share * balance + correction, as on chain.
-- No check on the balance: PostgreSQL checks an upsert's proposed row, which here is a delta and may be negative.
-- The writer asserts that no balance is negative after each batch instead.
create table idx_holder (
    chain_id     bigint  not null,
    token        text    not null,
    holder       text    not null,
    balance      numeric(78) not null,
    correction   numeric(80) not null,
    first_block  bigint  not null,
    primary key (chain_id, token, holder)
);

create table idx_transfer (
    chain_id          bigint  not null,
    token             text    not null,
    from_address      text    not null,
    to_address        text    not null,
    value             numeric(78) not null,
    -- The accumulator when the shares moved: what the correction of each side changed by, per share.
    units_per_share   numeric(78) not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_transfer_token on idx_transfer (chain_id, token);

create table idx_purchase (
    chain_id          bigint  not null,
    sale              text    not null,
    buyer             text    not null,
    share_count       numeric(78) not null,
    cost              numeric(78) not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);

-- Card purchases settled on chain; payment_ref ties each to its Stripe payment.
create table idx_issue (
    chain_id          bigint  not null,
    sale              text    not null,
    recipient         text    not null,
    share_count       numeric(78) not null,
    payment_ref       text    not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_issue_payment_ref on idx_issue (chain_id, payment_ref);

create table idx_distribution (
    chain_id               bigint  not null,
    token                  text    not null,
    distribution_id        numeric(78) not null,
    amount                 numeric(78) not null,
    units_per_share_added  numeric(78) not null,
    carried_remainder      numeric(78) not null,
    block_number           bigint  not null,
    block_hash             text    not null,
    log_index              integer not null,
    transaction_hash       text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_distribution_token on idx_distribution (chain_id, token);

create table idx_claim (
    chain_id          bigint  not null,
    token             text    not null,
    holder            text    not null,
    amount            numeric(78) not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_claim_token on idx_claim (chain_id, token);

create table idx_wallet_verification (
    chain_id          bigint  not null,
    token             text    not null,
    wallet            text    not null,
    verified          boolean not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);

-- Who owns what share of each offering: unsold shares sit with the sale contract and count as its holding.
create view idx_cap_table as
select h.chain_id, h.token, h.holder, h.balance,
       round(h.balance * 100 / nullif(o.total_shares, 0), 6) as percentage
from idx_holder h
join idx_offering o on o.chain_id = h.chain_id and o.shares_address = h.token
where h.balance > 0;

-- What each holder can claim now, computed as RoyaltyShares.claimable() does.
create view idx_claimable as
select h.chain_id, h.token, h.holder, t.units_per_share * h.balance + h.correction as claimable
from idx_holder h
join idx_share_token t on t.chain_id = h.chain_id and t.token = h.token;
