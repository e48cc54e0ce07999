-- A balance as of a time is one index lookup: each posting carries its entry's recording time. An account's postings
-- are recorded in order (its balance is locked while they are written), so ordered by time they are in entry order.
alter table ledger_posting add column recorded_at timestamptz;
alter table ledger_posting disable trigger ledger_posting_append_only;
update ledger_posting p set recorded_at = e.recorded_at from ledger_entry e where e.id = p.entry_id;
alter table ledger_posting enable trigger ledger_posting_append_only;
alter table ledger_posting alter column recorded_at set not null;
create index ledger_posting_account_time on ledger_posting (account_id, recorded_at, entry_id, id);
