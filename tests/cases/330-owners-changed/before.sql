CREATE TABLE t (id integer PRIMARY KEY);
ALTER TABLE t OWNER TO pg_monitor;
CREATE FUNCTION f(a integer, b text) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
ALTER FUNCTION f(a integer, b text) OWNER TO pg_monitor;
CREATE TABLE kept (id integer);
ALTER TABLE kept OWNER TO pg_monitor;
