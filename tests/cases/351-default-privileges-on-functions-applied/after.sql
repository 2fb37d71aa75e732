CREATE SCHEMA app AUTHORIZATION pg_monitor;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT EXECUTE ON FUNCTIONS TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT EXECUTE ON ROUTINES TO pg_signal_backend WITH GRANT OPTION;
-- created by the role running the file, not pg_monitor: PostgreSQL's defaults
CREATE FUNCTION app.by_runner() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
-- created by pg_monitor: its default privileges, global and in schema app
SET ROLE pg_monitor;
CREATE FUNCTION app.f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
CREATE PROCEDURE app.p() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer);
-- and what a GRANT adds after
GRANT EXECUTE ON FUNCTION app.f(integer) TO pg_checkpoint;
RESET ROLE;
CREATE FUNCTION app.after_reset() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
