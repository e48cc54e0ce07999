-- Accounts, their refresh tokens and their linked wallets (the api module's tables: account_*, catalog_*, api_*).

create table account_user (
    id              uuid        primary key,
    -- As typed at sign-up; uniqueness is on the lower-cased form so that Ann@x and ann@x are one account.
    email           text        not null,
    email_key       text        not null unique,
    password_hash   text        not null,
    role            text        not null check (role in ('ARTIST', 'INVESTOR', 'ADMIN')),
    created_at      timestamptz not null,
    created_by      uuid        references account_user (id)
);

-- Opaque refresh tokens, stored only as their SHA-256. Rotation keeps a family: presenting a token that was already
-- rotated means it leaked, and the whole family is revoked.
create table account_refresh_token (
    token_hash      bytea       primary key check (length(token_hash) = 32),
    account_id      uuid        not null references account_user (id),
    family_id       uuid        not null,
    issued_at       timestamptz not null,
    expires_at      timestamptz not null,
    rotated_at      timestamptz,
    revoked_at      timestamptz
);
create index account_refresh_token_family on account_refresh_token (family_id);
create index account_refresh_token_account on account_refresh_token (account_id);

-- An address belongs to one account (primary key); an account may link several.
create table account_wallet (
    address         text        primary key check (address ~ '^0x[0-9a-f]{40}$'),
    account_id      uuid        not null references account_user (id),
    chain_id        bigint      not null,
    linked_at       timestamptz not null
);
create index account_wallet_account on account_wallet (account_id);
