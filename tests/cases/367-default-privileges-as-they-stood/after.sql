CREATE SCHEMA app AUTHORIZATION pg_monitor;
SET ROLE pg_monitor;
-- without FOR ROLE: the role SET ROLE made current
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT EXECUTE ON FUNCTIONS TO pg_read_all_data;
CREATE FUNCTION app.while_granted() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
-- dropped and made again: the default privileges as they stand then
CREATE FUNCTION app.remade() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app REVOKE EXECUTE ON FUNCTIONS FROM pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE ALL ON FUNCTIONS FROM PUBLIC;
DROP FUNCTION app.remade();
CREATE FUNCTION app.remade() RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;
-- RESET ALL leaves the role; the defaults then followed by a rename
RESET ALL;
CREATE FUNCTION app.later() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
ALTER FUNCTION app.later() RENAME TO renamed;
-- SET ROLE NONE: the role running the file again
SET ROLE NONE;
CREATE FUNCTION app.by_runner() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
