-- Royalty statements as admins record them (JSON or a distributor's CSV), their lines and how each was matched to a
-- master, the admins' approvals, the split of each master's income on approval, and the distributions on chain it
-- causes. Accounts and masters are the API's: referred to by id, without foreign keys (this module migrates first).

create table royalty_statement (
    id             uuid        primary key,
    source         text        not null check (length(source) between 1 and 200),
    period_start   date        not null,
    period_end     date        not null check (period_end >= period_start),
    status         text        not null check (status in ('RECORDED', 'APPROVED', 'REJECTED')),
    recorded_by    uuid        not null,
    recorded_at    timestamptz not null,
    decided_at     timestamptz,
    -- The CSV's SHA-256, when uploaded: the same file twice is the same statement, not income twice.
    file_sha256    text        unique check (file_sha256 ~ '^[0-9a-f]{64}$'),
    line_count     integer     not null check (line_count between 1 and 100000),
    check ((status = 'RECORDED') = (decided_at is null))
);
create index royalty_statement_listing on royalty_statement (recorded_at desc, id desc);

create table royalty_statement_line (
    id             bigint      generated always as identity primary key,
    statement_id   uuid        not null references royalty_statement (id),
    line_no        integer     not null check (line_no >= 1),
    isrc           text        check (isrc ~ '^[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}$'),
    period_start   date        not null,
    -- In the currency's minor units (cents for USD), as the line reported it.
    gross_minor    numeric(30) not null check (gross_minor > 0),
    currency       text        not null check (currency ~ '^[A-Z]{3}$'),
    -- Payout-currency units per unit of the line's currency, as the admin gave it; null in the payout currency.
    exchange_rate  numeric(38, 18) check (exchange_rate > 0),
    -- MATCHED and RESOLVED lines name their master; UNMATCHED and AMBIGUOUS ones say why; DROPPED ones say who and why.
    match          text        not null check (match in ('MATCHED', 'UNMATCHED', 'AMBIGUOUS', 'RESOLVED', 'DROPPED')),
    master_id      uuid,
    reason         text        check (length(reason) <= 500),
    resolved_by    uuid,
    unique (statement_id, line_no),
    check ((match in ('MATCHED', 'RESOLVED')) = (master_id is not null)),
    check (match in ('MATCHED') or reason is not null)
);

-- Admins who approved; the one who recorded the statement counts as the first of the approvals it needs.
create table royalty_statement_approval (
    statement_id   uuid        not null references royalty_statement (id),
    admin_id       uuid        not null,
    approved_at    timestamptz not null,
    primary key (statement_id, admin_id)
);

-- On approval, each master's income: converted into payout-token units at the recorded rate and split between the
-- holders' pool (the master's royalty share) and the artist. One row per statement, master and currency, each
-- with the ledger entry that posted it.
create table royalty_split (
    statement_id        uuid        not null references royalty_statement (id),
    master_id           uuid        not null,
    artist_id           uuid        not null,
    currency            text        not null,
    gross_minor         numeric(30) not null check (gross_minor > 0),
    exchange_rate       numeric(38, 18) not null check (exchange_rate > 0),
    payout_token        text        not null,
    payout_units        numeric(78) not null check (payout_units >= 0),
    royalty_share_bps   integer     not null check (royalty_share_bps between 0 and 10000),
    holder_units        numeric(78) not null check (holder_units >= 0),
    artist_units        numeric(78) not null check (artist_units >= 0),
    ledger_entry_id     bigint      primary key references ledger_entry (id),
    check (holder_units + artist_units = payout_units),
    unique (statement_id, master_id, currency)
);
create index royalty_split_artist on royalty_split (artist_id, statement_id);

-- A distribution of a statement's holder pool to one offering's holders: funded, submitted through the outbox with
-- its ledger entry, confirmed from the index at finality. A statement is distributed to an offering once: a retry is
-- a new attempt of the same row, never a second row.
create table royalty_distribution (
    id                     uuid        primary key,
    statement_id           uuid        not null references royalty_statement (id),
    master_id              uuid        not null,
    offering_id            uuid        not null,
    shares_token           text        not null check (shares_token ~ '^0x[0-9a-f]{40}$'),
    payout_token           text        not null check (payout_token ~ '^0x[0-9a-f]{40}$'),
    amount                 numeric(78) not null check (amount > 0),
    status                 text        not null check (status in ('PLANNED', 'AWAITING_FUNDS', 'SUBMITTED', 'CONFIRMED', 'FAILED')),
    attempt                integer     not null default 1 check (attempt >= 1),
    -- Why it waits (AWAITING_FUNDS) or failed (FAILED): the decoded revert, for admins.
    reason                 text        check (length(reason) <= 600),
    transaction_hash       text,
    chain_distribution_id  numeric(78),
    block_number           bigint,
    -- What the contract credited to holders at once, and how its carried remainder moved (may be negative).
    units_assigned         numeric(78),
    carried_change         numeric(78),
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    unique (statement_id, offering_id)
);
create index royalty_distribution_open on royalty_distribution (status, created_at)
    where status in ('PLANNED', 'AWAITING_FUNDS', 'SUBMITTED');
create index royalty_distribution_listing on royalty_distribution (created_at desc, id desc);
