-- Registrations voided by the registry (RegistrationVoided): the token is burned and its ISRC free again. An event
-- table like the others, so that a rollback above it restores the registration.
create table idx_master_void (
    chain_id          bigint  not null,
    token_id          numeric(78) not null,
    isrc_hash         text    not null,
    reason_hash       text    not null,
    block_number      bigint  not null,
    block_hash        text    not null,
    log_index         integer not null,
    transaction_hash  text    not null,
    primary key (chain_id, block_number, log_index)
);
create index idx_master_void_token on idx_master_void (chain_id, token_id);
