-- A wallet's holdings across every offering (the API's /v1/me/holdings) without scanning each token's holders.
-- The balance is not indexed, so balance updates stay heap-only (HOT) and the indexer's write path keeps its speed.
create index idx_holder_by_holder on idx_holder (chain_id, holder);
