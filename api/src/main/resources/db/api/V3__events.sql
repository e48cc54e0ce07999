-- Each account's events (what GET /v1/events streams), in one sequence so that Last-Event-ID resumes exactly.
-- event_key makes every writer idempotent: an event projected twice (two instances, a retried pass) is stored once.
create table api_account_event (
    id           bigserial   primary key,
    account_id   uuid        not null references account_user (id),
    event_key    text        not null,
    type         text        not null,
    data         text        not null,
    created_at   timestamptz not null,
    unique (account_id, event_key)
);
create index api_account_event_account on api_account_event (account_id, id);

-- How far chain activity has been turned into account events: the last log done, and its block's hash (to notice
-- a reorg under it; empty after stepping back, when the block is not checked).
create table api_event_checkpoint (
    chain_id      bigint  primary key,
    block_number  bigint  not null,
    block_hash    text    not null,
    log_index     integer not null
);
