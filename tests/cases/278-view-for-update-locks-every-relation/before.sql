CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
CREATE TABLE ledger (id integer, account integer, amount numeric);
