CREATE TABLE t (id integer PRIMARY KEY);
ALTER TABLE t OWNER TO pg_read_all_data;
CREATE FUNCTION f(a integer, b text) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
ALTER FUNCTION public.f(integer, text) OWNER TO pg_read_all_data;
CREATE TABLE kept (id integer);
ALTER TABLE kept OWNER TO pg_monitor;
