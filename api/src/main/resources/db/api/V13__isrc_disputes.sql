-- ISRC disputes: an artist who holds the rights to an ISRC another account registered asks for it; an admin decides.
-- An upheld dispute voids the registration on chain (MasterRegistry.voidRegistration): the master becomes VOIDED and
-- the ISRC may be registered again, by the claimant.
alter table catalog_master drop constraint catalog_master_status_check;
alter table catalog_master add constraint catalog_master_status_check
    check (status in ('DRAFT', 'PINNED', 'AWAITING_APPROVAL', 'REGISTERING', 'REGISTERED', 'VOIDING', 'VOIDED',
                      'FAILED'));
-- One master holds an ISRC, voided ones aside.
alter table catalog_master drop constraint catalog_master_isrc_key;
create unique index catalog_master_isrc_held on catalog_master (isrc) where status <> 'VOIDED';

create table catalog_isrc_dispute (
    id               uuid        primary key,
    isrc             text        not null,
    master_id        uuid        not null references catalog_master (id),
    claimant_id      uuid        not null references account_user (id),
    holder_id        uuid        not null references account_user (id),
    claim            text        not null check (length(claim) between 1 and 2000),
    status           text        not null check (status in ('OPEN', 'UPHELD', 'DISMISSED')),
    decided_by       uuid        references account_user (id),
    decision_reason  text        check (length(decision_reason) <= 2000),
    created_at       timestamptz not null,
    decided_at       timestamptz,
    check ((status = 'OPEN') = (decided_at is null)),
    check (claimant_id <> holder_id)
);
-- A claimant has one open dispute per master at a time.
create unique index catalog_isrc_dispute_open on catalog_isrc_dispute (master_id, claimant_id) where status = 'OPEN';
create index catalog_isrc_dispute_by_status on catalog_isrc_dispute (status, created_at, id);
