CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
GRANT EXECUTE ON FUNCTION f() TO pg_monitor WITH GRANT OPTION;
REVOKE GRANT OPTION FOR EXECUTE ON FUNCTION f() FROM pg_monitor CASCADE;
CREATE TYPE mood AS ENUM ('sad', 'happy');
GRANT USAGE ON TYPE mood TO pg_monitor WITH GRANT OPTION;
REVOKE GRANT OPTION FOR ALL ON TYPE mood FROM pg_monitor;
-- revoked from a role that holds nothing: no grant
REVOKE ALL ON TYPE mood FROM pg_read_all_data;
