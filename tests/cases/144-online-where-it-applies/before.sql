CREATE TABLE users (id integer PRIMARY KEY, name text);
CREATE TABLE events (at date NOT NULL, user_id integer) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE accounts (id integer, owner integer);
