-- plumb:renamed from=mood_old
CREATE TYPE mood AS ENUM ('a', 'b');
ALTER TYPE mood OWNER TO pg_monitor;
-- plumb:renamed from=pair_old
CREATE TYPE pair AS (x integer, y integer);
ALTER TYPE pair OWNER TO pg_read_all_data;
-- plumb:renamed from=pos_old
CREATE DOMAIN pos AS integer CHECK (VALUE > 0);
ALTER DOMAIN pos OWNER TO pg_monitor;
-- plumb:renamed from=f_old
CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
ALTER FUNCTION f(integer) OWNER TO pg_monitor;
-- plumb:renamed from=s_old
CREATE SEQUENCE s;
ALTER SEQUENCE s OWNER TO pg_read_all_data;
-- plumb:renamed from=t_old
CREATE TABLE t (id integer);
ALTER TABLE t OWNER TO pg_read_all_data;
