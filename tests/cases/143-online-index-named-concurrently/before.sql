CREATE TABLE jobs (id integer PRIMARY KEY, state text);
