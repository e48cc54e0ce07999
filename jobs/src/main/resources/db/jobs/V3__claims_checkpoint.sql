-- How far claims seen by the index have been posted to the ledger, per chain: the last final Claimed event posted.
create table ledger_claim_checkpoint (
    chain_id      bigint  primary key,
    block_number  bigint  not null,
    log_index     integer not null
);
