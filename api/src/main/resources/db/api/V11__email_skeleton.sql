-- What an account's email looks like (its Unicode TR39 skeleton, computed by the application): unique, so that an
-- email made of lookalike letters from another script cannot pass for an existing account's. Accounts made before are
-- given theirs at start-up (EmailSkeletons); until then the column is null, which the index leaves out.
alter table account_user add column email_skeleton text;
create unique index account_user_email_skeleton on account_user (email_skeleton);
