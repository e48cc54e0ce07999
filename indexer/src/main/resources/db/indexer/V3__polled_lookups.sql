-- Lookups the API polls while a master is registered and an offering created: by ISRC hash, and by the creating
-- transaction. Without these, each poll scanned the whole table.
create index idx_master_isrc_hash on idx_master (chain_id, isrc_hash);
create index idx_offering_transaction on idx_offering (chain_id, transaction_hash);
