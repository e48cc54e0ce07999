-- A distribution tells every account holding shares, a bounded number per pass: when a pass stops inside one, the
-- activity right after the checkpoint is that distribution, and its holders up to this address have been told.
alter table api_event_checkpoint add column holder_after text;
