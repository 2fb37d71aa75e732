CREATE PROCEDURE p(x integer) LANGUAGE sql AS $$ SELECT x $$;
REVOKE EXECUTE ON PROCEDURE p(integer) FROM PUBLIC;
GRANT EXECUTE ON ROUTINE p(integer) TO pg_monitor;
CREATE AGGREGATE mysum(integer) (SFUNC = int4pl, STYPE = integer);
-- an aggregate's privileges are granted ON FUNCTION
REVOKE EXECUTE ON FUNCTION mysum(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mysum(integer) TO pg_read_all_data;
CREATE PROCEDURE q() LANGUAGE sql AS $$ SELECT 1 $$;
GRANT EXECUTE ON PROCEDURE q TO PUBLIC;
