CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
CREATE TABLE ledger (id integer, account integer, amount numeric);
-- FOR UPDATE without OF: the server keeps one clause per relation of the
-- FROM list, OF its name (an alias where there is one)
CREATE VIEW open_accounts AS SELECT id, owner FROM accounts FOR UPDATE;
CREATE VIEW postings AS SELECT a.id, l.amount FROM accounts a JOIN ledger l ON l.account = a.id
    FOR SHARE NOWAIT;
CREATE VIEW pairs AS SELECT accounts.id FROM accounts, ledger FOR NO KEY UPDATE OF accounts SKIP LOCKED;
