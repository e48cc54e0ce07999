-- When the catalog's progress pass next looks at a master or an offering that is still moving (null once it has
-- stopped). A pass claims the due rows in this order with FOR UPDATE SKIP LOCKED and leases them by moving this time
-- forward, so that instances share the work without doubling it, and open sales waiting for their window never
-- starve new work (the pass used to take the 100 least recently updated rows, and open sales never update).
-- A new row is due at once.
alter table catalog_master add column next_check_at timestamptz default now();
alter table catalog_offering add column next_check_at timestamptz default now();
update catalog_master set next_check_at = null where status not in ('DRAFT', 'PINNED', 'REGISTERING');
update catalog_offering set next_check_at = null where status not in ('CREATING', 'LIVE');
drop index catalog_master_progress;
drop index catalog_offering_progress;
create index catalog_master_due on catalog_master (next_check_at) where next_check_at is not null;
create index catalog_offering_due on catalog_offering (next_check_at) where next_check_at is not null;
