-- The double-entry ledger: append-only, amounts as integers in an asset's minor units. Every entry's postings sum to
-- zero per asset: the application checks it before writing, and the database checks it again at commit (a deferred
-- constraint trigger), so that not even a hand-written insert leaves an entry unbalanced.

-- An account: what it is (kind), what it is about (scope: a master, an offering, an account, the platform), and the
-- one asset it holds. Its code is the stable key postings name it by.
create table ledger_account (
    id          bigint      generated always as identity primary key,
    code        text        not null unique check (length(code) between 1 and 300),
    kind        text        not null check (length(kind) between 1 and 60),
    scope       text        not null check (length(scope) between 1 and 200),
    asset       text        not null check (length(asset) between 1 and 120),
    created_at  timestamptz not null default now(),
    unique (id, asset)
);

-- An entry: what caused it (a business key, unique: a job that runs twice posts once), when it happened, and, for a
-- correction, the entry it reverses (once).
create table ledger_entry (
    id            bigint      generated always as identity primary key,
    business_key  text        not null unique check (length(business_key) between 1 and 200),
    description   text        not null check (length(description) between 1 and 500),
    reverses      bigint      unique references ledger_entry (id),
    occurred_at   timestamptz not null,
    -- When it was written, taken after the accounts' balances were locked: entries of one account are in order.
    recorded_at   timestamptz not null default clock_timestamp()
);
create index ledger_entry_recorded on ledger_entry (recorded_at, id);

-- A posting: positive debits, negative credits. It carries its account's balance after it, so that a balance as of
-- any entry or time is one index lookup.
create table ledger_posting (
    id             bigint      generated always as identity primary key,
    entry_id       bigint      not null references ledger_entry (id),
    account_id     bigint      not null,
    asset          text        not null,
    amount         numeric(78, 0) not null check (amount <> 0),
    balance_after  numeric(80, 0) not null,
    foreign key (account_id, asset) references ledger_account (id, asset)
);
create index ledger_posting_entry on ledger_posting (entry_id);
create index ledger_posting_account on ledger_posting (account_id, entry_id);

-- Each account's current balance, kept in the transaction of its postings.
create table ledger_balance (
    account_id       bigint      primary key references ledger_account (id),
    balance          numeric(80, 0) not null,
    -- The last entry that moved it; null while nothing has (the row exists to be locked).
    last_entry_id    bigint      references ledger_entry (id)
);

create function ledger_entry_balanced() returns trigger language plpgsql as $$
declare
    unbalanced text;
begin
    select asset into unbalanced from ledger_posting where entry_id = new.entry_id
    group by asset having sum(amount) <> 0 limit 1;
    if unbalanced is not null then
        raise exception 'ledger entry % does not balance in %', new.entry_id, unbalanced
            using errcode = '23514';
    end if;
    return null;
end $$;

create constraint trigger ledger_posting_balanced after insert on ledger_posting
    deferrable initially deferred for each row execute function ledger_entry_balanced();

-- Append-only: a correction is a reversing entry, never an update or a delete.
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: post a reversing entry instead', tg_table_name using errcode = '42501';
end $$;

create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each statement execute function ledger_append_only();
create trigger ledger_posting_append_only before update or delete on ledger_posting
    for each statement execute function ledger_append_only();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_append_only();
create trigger ledger_posting_no_truncate before truncate on ledger_posting
    for each statement execute function ledger_append_only();
