-- A request running under an Idempotency-Key holds a lease: its instance and until when. The instance renews it while
-- the request runs; a lease that ran out belongs to a request whose process died, and a retry takes it over at once
-- (before, a marker aged 15 minutes before anyone could). Markers left without a lease by earlier versions count as
-- run out.
alter table api_idempotency_key add column lease_owner text;
alter table api_idempotency_key add column lease_expires_at timestamptz;
