-- Accounts as people expect them: a verified email, one-time links by mail (verification, password reset, sign-in),
-- and TOTP two-factor authentication with recovery codes.

-- When the account proved it reads its email. Accounts from before verification existed are taken as verified: they
-- were made, and used, under the rules of their day.
alter table account_user add column email_verified_at timestamptz;
update account_user set email_verified_at = created_at;
-- Whether the account signs in by emailed link too (its owner turns it on).
alter table account_user add column magic_link_enabled boolean not null default false;

-- One-time links sent by mail, stored only as the SHA-256 of their token: a copy of this table signs nobody in.
create table account_email_token (
    token_hash  bytea       primary key check (length(token_hash) = 32),
    account_id  uuid        not null references account_user (id),
    purpose     text        not null check (purpose in ('EMAIL_VERIFICATION', 'PASSWORD_RESET', 'MAGIC_LINK')),
    -- The address the link went to: a verification verifies that address, not whatever the account holds later.
    email       text        not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    check (expires_at > issued_at)
);
create index account_email_token_account on account_email_token (account_id, purpose) where used_at is null;

-- The account's TOTP secret (RFC 6238), sealed with a key derived from the token secret, and the last time step a code
-- was accepted for: a code is accepted once (a later code only).
create table account_two_factor (
    account_id      uuid        primary key references account_user (id),
    secret_sealed   bytea       not null,
    created_at      timestamptz not null,
    confirmed_at    timestamptz,
    last_used_step  bigint      not null default 0
);

-- Single-use recovery codes, stored as SHA-256 (each holds 80 random bits: no dictionary reaches it).
create table account_recovery_code (
    account_id  uuid        not null references account_user (id),
    code_hash   bytea       not null check (length(code_hash) = 32),
    issued_at   timestamptz not null,
    used_at     timestamptz,
    primary key (account_id, code_hash)
);
