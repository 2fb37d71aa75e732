-- a sequence owned by a column but not named as serial names it (its table
-- was renamed): it goes with its table, or with its column, and is not
-- dropped again
CREATE SEQUENCE a_id_seq AS integer;
CREATE TABLE b (id integer NOT NULL DEFAULT nextval('a_id_seq'), x integer);
ALTER SEQUENCE a_id_seq OWNED BY b.id;
CREATE SEQUENCE counter_seq;
CREATE TABLE c (id integer PRIMARY KEY, n bigint DEFAULT nextval('counter_seq'));
ALTER SEQUENCE counter_seq OWNED BY c.n;
