-- a new result type: dropped and created again, its grants granted again
CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f() TO pg_monitor;
-- a new body: CREATE OR REPLACE keeps them
CREATE FUNCTION g(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$;
GRANT EXECUTE ON FUNCTION g(integer) TO pg_monitor WITH GRANT OPTION;
