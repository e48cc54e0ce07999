-- Each account's events get positions from a per-account counter whose row every writer locks until it commits, so
-- that positions become visible in the order they were given: a stream that has read position n can never later
-- find a committed n - 1. Ids from the global sequence did not have that property (an id taken early and committed
-- late, behind one a reader had already passed, was skipped for good). The SSE id, and Last-Event-ID, are positions.
create table api_account_event_counter (
    account_id     uuid    primary key references account_user (id),
    last_position  bigint  not null check (last_position > 0)
);
alter table api_account_event add column position bigint;
update api_account_event event set position = numbered.position
from (select id, row_number() over (partition by account_id order by id) as position from api_account_event) numbered
where numbered.id = event.id;
insert into api_account_event_counter (account_id, last_position)
select account_id, max(position) from api_account_event group by account_id;
alter table api_account_event alter column position set not null;
drop index api_account_event_account;
create unique index api_account_event_stream on api_account_event (account_id, position);
