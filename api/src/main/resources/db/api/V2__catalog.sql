-- Masters, their files on IPFS, and their offerings (catalog_*); responses kept for Idempotency-Key replays (api_*).

create table catalog_master (
    id                    uuid        primary key,
    artist_id             uuid        not null references account_user (id),
    -- The linked wallet the master's token is minted to, and that receives its sales' proceeds (lower-case).
    artist_wallet         text        not null check (artist_wallet ~ '^0x[0-9a-f]{40}$'),
    title                 text        not null,
    artist_name           text        not null,
    isrc                  text        not null unique check (isrc ~ '^[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}$'),
    release_date          date        not null,
    royalty_share_bps     integer     not null check (royalty_share_bps between 1 and 10000),
    status                text        not null check (status in ('DRAFT', 'PINNED', 'REGISTERING', 'REGISTERED', 'FAILED')),
    -- The step that failed (PINNING or REGISTRATION) and why, while status is FAILED.
    failed_step           text        check (failed_step in ('PINNING', 'REGISTRATION')),
    failure_reason        text,
    audio_cid             text        not null,
    audio_bytes           bigint      not null check (audio_bytes >= 0),
    audio_media_type      text        not null,
    duration_ms           bigint,
    cover_cid             text,
    cover_bytes           bigint,
    cover_media_type      text,
    metadata_cid          text        not null,
    metadata_bytes        bigint      not null,
    -- Each registration attempt is its own outbox intent; a new attempt only after the previous one failed.
    registration_attempt  integer     not null default 0,
    registration_key      text,
    token_id              numeric(78),
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    check ((status = 'FAILED') = (failed_step is not null)),
    check (status <> 'REGISTERED' or token_id is not null)
);
create index catalog_master_artist on catalog_master (artist_id, created_at desc, id desc);
create index catalog_master_progress on catalog_master (status) where status in ('DRAFT', 'PINNED', 'REGISTERING');

-- Every file the API has added and pinned: what GET /ipfs/{cid} serves, with its type.
create table catalog_content (
    cid          text        primary key,
    media_type   text        not null,
    bytes        bigint      not null check (bytes >= 0),
    pinned_at    timestamptz not null
);

create table catalog_offering (
    id                    uuid        primary key,
    master_id             uuid        not null references catalog_master (id),
    name                  text        not null,
    symbol                text        not null,
    total_shares          bigint      not null check (total_shares > 0),
    price_per_share       numeric(78) not null check (price_per_share > 0),
    payout_token          text        not null,
    payment_token         text        not null,
    sale_starts_at        timestamptz not null,
    sale_ends_at          timestamptz not null check (sale_ends_at > sale_starts_at),
    transfers_restricted  boolean     not null,
    status                text        not null check (status in ('CREATING', 'LIVE', 'CLOSED', 'FAILED')),
    failure_reason        text,
    creation_key          text        not null unique,
    shares_address        text        unique,
    sale_address          text        unique,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
create index catalog_offering_master on catalog_offering (master_id, created_at desc, id desc);
create index catalog_offering_progress on catalog_offering (status) where status in ('CREATING', 'LIVE');

-- The first answer to each Idempotency-Key, per caller and route, replayed to retries of the same request.
create table api_idempotency_key (
    scope           text        not null,
    idempotency_key text        not null,
    fingerprint     bytea       not null,
    state           text        not null check (state in ('IN_PROGRESS', 'DONE')),
    response_status integer,
    response_body   bytea,
    location        text,
    created_at      timestamptz not null,
    primary key (scope, idempotency_key)
);
