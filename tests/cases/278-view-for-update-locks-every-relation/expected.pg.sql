BEGIN;
CREATE VIEW public.open_accounts AS SELECT id, owner FROM accounts FOR UPDATE;
CREATE VIEW public.postings AS SELECT a.id, l.amount FROM accounts a JOIN ledger l ON l.account = a.id FOR SHARE NOWAIT;
CREATE VIEW public.pairs AS SELECT accounts.id FROM accounts, ledger FOR NO KEY UPDATE OF accounts SKIP LOCKED;
COMMIT;
