CREATE TABLE users (id integer PRIMARY KEY, name text);
CREATE TABLE events (at date NOT NULL, user_id integer REFERENCES users (id)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_user_idx ON events (user_id);
-- plumb:renamed from=accounts
CREATE TABLE wallets (id integer, owner integer NOT NULL REFERENCES users (id));
CREATE INDEX wallets_owner_idx ON wallets (owner);
CREATE TABLE notes (id integer, user_id integer REFERENCES users (id) CHECK (id > 0));
CREATE INDEX notes_user_idx ON notes (user_id);
