CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;
GRANT USAGE ON LANGUAGE plx TO pg_monitor;
CREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';
CREATE FUNCTION g() RETURNS int LANGUAGE plx AS 'begin return 2; end';
GRANT EXECUTE ON FUNCTION g() TO pg_monitor;
-- dropped with its functions and their grants, as on the server
DROP LANGUAGE plx CASCADE;
DROP LANGUAGE IF EXISTS nope;
-- made again, it starts with PostgreSQL's defaults (USAGE to PUBLIC)
CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
CREATE FUNCTION h() RETURNS int LANGUAGE plx AS 'begin return 3; end';
