CREATE SCHEMA api;
-- granted, then moved: the grants go with the function, the procedure and the aggregate
CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
REVOKE ALL ON FUNCTION f(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f(integer) TO pg_monitor;
ALTER FUNCTION f(integer) RENAME TO g;
ALTER FUNCTION g(integer) SET SCHEMA api;
CREATE PROCEDURE p(t text) LANGUAGE sql AS $$ SELECT t $$;
GRANT EXECUTE ON PROCEDURE p(text) TO pg_read_all_data WITH GRANT OPTION;
ALTER PROCEDURE p(text) SET SCHEMA api;
CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);
REVOKE EXECUTE ON FUNCTION total(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION total(integer) TO pg_monitor;
ALTER AGGREGATE total(integer) SET SCHEMA api;
