-- The audit log: every privileged or money-moving action, appended in the transaction of the action (an action that
-- rolls back leaves no entry; an entry never exists without its action). Each entry carries the hash of the one before
-- it, and audit_head the newest, so an entry changed, removed or slipped in by hand breaks the chain where
-- `audit-verify` finds it.
create table audit_entry (
    seq             bigint      primary key check (seq > 0),
    recorded_at     timestamptz not null,
    -- 'account:<id>' for what an account did or caused, 'platform' for the platform's own work.
    actor           text        not null check (length(actor) between 1 and 100),
    action          text        not null check (action ~ '^[a-z][a-z0-9_.-]{0,79}$'),
    target          text        check (length(target) between 1 and 200),
    request_id      text        check (length(request_id) between 1 and 64),
    client_address  text        check (length(client_address) between 1 and 64),
    -- JSON, kept as the text that was hashed (jsonb would reorder it).
    before_state    text        check (length(before_state) <= 65536),
    after_state     text        check (length(after_state) <= 65536),
    previous_hash   bytea       not null check (length(previous_hash) = 32),
    entry_hash      bytea       not null unique check (length(entry_hash) = 32)
);
create index audit_entry_actor on audit_entry (actor, seq);
create index audit_entry_action on audit_entry (action, seq);
create index audit_entry_target on audit_entry (target, seq);
create index audit_entry_recorded_at on audit_entry (recorded_at);

-- The newest entry: appending takes this row's lock, so entries are numbered and chained in commit order.
create table audit_head (
    only_row    boolean primary key default true check (only_row),
    seq         bigint  not null check (seq >= 0),
    entry_hash  bytea   not null check (length(entry_hash) = 32)
);
insert into audit_head (only_row, seq, entry_hash) values (true, 0, decode(repeat('00', 32), 'hex'));

-- Append-only for every role the application could run as, the owner's included: no UPDATE, DELETE or TRUNCATE.
-- Only a superuser who switches triggers off can change a row, and the hash chain then shows it.
create function audit_entry_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % on audit_entry refused', tg_op using errcode = '42501';
end
$$;
create trigger audit_entry_no_update_or_delete before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();
-- The head may only move forward, one entry at a time.
create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq not in (old.seq, old.seq + 1) then
        raise exception 'the audit head only moves forward: % refused', tg_op using errcode = '42501';
    end if;
    return new;
end
$$;
create trigger audit_head_forward before update or delete on audit_head
    for each row execute function audit_head_forward_only();
create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_entry_refuse_change();
