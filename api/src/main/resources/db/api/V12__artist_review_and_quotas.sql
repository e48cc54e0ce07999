-- The onboarding review of artists: a new artist's masters are registered on chain only once an admin approved the
-- artist. No row is a review not yet made (PENDING). Artists who existed before the review are approved: their
-- masters went on chain already.
create table account_artist_review (
    account_id   uuid        primary key references account_user (id),
    status       text        not null check (status in ('APPROVED', 'REJECTED')),
    note         text,
    reviewed_by  uuid        references account_user (id),
    reviewed_at  timestamptz not null
);
insert into account_artist_review (account_id, status, note, reviewed_at)
select id, 'APPROVED', 'approved when artist review was introduced', now() from account_user where role = 'ARTIST';

-- A master waits in AWAITING_APPROVAL, pinned, until its artist is approved.
alter table catalog_master drop constraint catalog_master_status_check;
alter table catalog_master add constraint catalog_master_status_check
    check (status in ('DRAFT', 'PINNED', 'AWAITING_APPROVAL', 'REGISTERING', 'REGISTERED', 'FAILED'));
create index catalog_master_awaiting on catalog_master (artist_id) where status = 'AWAITING_APPROVAL';

-- How many offerings of a master may be open (CREATING or LIVE) at once, where an admin raised it; null is the
-- configured default (one).
alter table catalog_master add column open_offerings_max integer check (open_offerings_max > 0);
create index catalog_master_artist_created on catalog_master (artist_id, created_at);
