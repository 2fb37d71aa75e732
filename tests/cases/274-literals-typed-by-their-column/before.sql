CREATE TABLE events (id integer);
