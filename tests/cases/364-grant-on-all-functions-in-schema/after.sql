CREATE SCHEMA api;
CREATE FUNCTION api.a() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION api.b(text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$;
CREATE PROCEDURE api.p() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE api.total(integer) (SFUNC = int4pl, STYPE = integer);
-- functions and aggregates, not procedures
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA api FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA api TO pg_monitor;
-- procedures only
GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA api TO pg_read_all_data;
-- created after: the defaults
CREATE FUNCTION api.later() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
-- routines: all of them
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA api TO pg_signal_backend;
