-- granted, then renamed: the grants stay with the function
CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
REVOKE EXECUTE ON FUNCTION f(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f(integer) TO pg_monitor WITH GRANT OPTION;
ALTER FUNCTION f(integer) RENAME TO g;
-- the name taken again: a new function, with PostgreSQL's defaults
CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$;
-- renamed, then granted by its new name without arguments
CREATE FUNCTION h(t text) RETURNS text LANGUAGE sql AS $$ SELECT t $$;
ALTER FUNCTION h(text) RENAME TO k;
GRANT EXECUTE ON FUNCTION k TO pg_read_all_data;
-- a procedure renamed
CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;
GRANT EXECUTE ON PROCEDURE p() TO pg_monitor;
ALTER PROCEDURE p() RENAME TO q;
