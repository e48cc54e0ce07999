-- Custodial holders: investors without a wallet of their own hold through an address the platform derives for them
-- (BIP-44, m/44'/60'/0'/0/<index>, from the configured seed). The address is all that is stored; the key is derived
-- when it must sign, and never stored or logged.
create sequence custody_derivation_index minvalue 0 start 0;

create table custody_holder (
    account_id        uuid        primary key,
    derivation_index  integer     not null unique check (derivation_index >= 0),
    address           text        not null unique check (address ~ '^0x[0-9a-f]{40}$'),
    created_at        timestamptz not null
);
