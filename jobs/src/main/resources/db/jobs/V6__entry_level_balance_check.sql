-- The balance check moves from each posting to each entry: an entry's postings are written with it, in its
-- transaction, so checking the entry once at commit covers them all, at a fraction of the work (the posting-level
-- trigger ran its query once per posting). Two rules keep it as strict as before:
--   * postings may be added only in their entry's transaction (checked per statement, at once), so no posting can
--     join an entry after its check;
--   * at commit, each entry written in the transaction must have postings, and they must balance per asset.

drop trigger ledger_posting_balanced on ledger_posting;

create function ledger_entry_row_balanced() returns trigger language plpgsql as $$
declare
    unbalanced text;
begin
    if not exists (select 1 from ledger_posting where entry_id = new.id) then
        raise exception 'ledger entry % has no postings', new.id using errcode = '23514';
    end if;
    select asset into unbalanced from ledger_posting where entry_id = new.id
    group by asset having sum(amount) <> 0 limit 1;
    if unbalanced is not null then
        raise exception 'ledger entry % does not balance in %', new.id, unbalanced using errcode = '23514';
    end if;
    return null;
end $$;

create constraint trigger ledger_entry_balanced after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_entry_row_balanced();

-- The entry's row was written by this transaction: its xmin is this transaction's id. (A posting written in a
-- subtransaction other than its entry's is refused too: refused, never let through.)
create function ledger_posting_same_transaction() returns trigger language plpgsql as $$
declare
    foreign_entry bigint;
begin
    select i.entry_id into foreign_entry from inserted i join ledger_entry e on e.id = i.entry_id
    where e.xmin::text <> pg_current_xact_id()::xid::text limit 1;
    if foreign_entry is not null then
        raise exception 'postings may be added to ledger entry % only in the transaction that wrote it', foreign_entry
            using errcode = '42501';
    end if;
    return null;
end $$;

create trigger ledger_posting_same_transaction after insert on ledger_posting
    referencing new table as inserted for each statement execute function ledger_posting_same_transaction();
