BEGIN;
ALTER SCHEMA app OWNER TO pg_monitor;
ALTER DOMAIN app.pos OWNER TO pg_monitor;
ALTER FUNCTION app.f(integer) OWNER TO pg_monitor;
ALTER MATERIALIZED VIEW app.m OWNER TO pg_read_all_data;
ALTER PROCEDURE app.p() OWNER TO pg_read_all_data;
ALTER SEQUENCE app.s OWNER TO pg_monitor;
-- hazard access-exclusive-lock: locks table "app.t" against reads and writes while it runs
ALTER TABLE app.t OWNER TO pg_monitor;
ALTER TYPE app.mood OWNER TO pg_monitor;
ALTER TYPE app.pair OWNER TO pg_read_all_data;
ALTER VIEW app.v OWNER TO pg_read_all_data;
COMMIT;
