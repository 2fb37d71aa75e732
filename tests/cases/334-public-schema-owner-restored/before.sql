ALTER SCHEMA public OWNER TO pg_monitor;
CREATE TABLE t (id integer);
