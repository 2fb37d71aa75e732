CREATE TABLE jobs (id integer PRIMARY KEY, state text);
CREATE INDEX concurrently_state_idx ON jobs (state);
