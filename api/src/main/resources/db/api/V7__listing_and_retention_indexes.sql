-- The LIVE listing's order (newest first, keyset on created_at and id), and what retention deletes by age.
create index catalog_offering_live on catalog_offering (created_at desc, id desc) where status = 'LIVE';
create index api_idempotency_key_created on api_idempotency_key (created_at);
create index account_refresh_token_expiry on account_refresh_token (expires_at);
