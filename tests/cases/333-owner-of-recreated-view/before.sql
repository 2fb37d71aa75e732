CREATE TABLE t (id integer PRIMARY KEY, a text, b text);
CREATE VIEW v AS SELECT id, a, b FROM t;
ALTER VIEW v OWNER TO pg_monitor;
CREATE TYPE kind AS (x integer, y text);
ALTER TYPE kind OWNER TO pg_monitor;
