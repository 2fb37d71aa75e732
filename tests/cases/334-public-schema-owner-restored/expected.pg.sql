BEGIN;
CREATE SCHEMA "audit";
ALTER SCHEMA public OWNER TO pg_database_owner;
ALTER SCHEMA audit OWNER TO pg_monitor;
COMMIT;
