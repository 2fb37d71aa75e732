BEGIN;
-- hazard deletes-data: drops table "gone.t" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "gone"."t";
CREATE SCHEMA "More";
DROP SCHEMA "gone";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA app FROM pg_monitor;
REVOKE USAGE ON SCHEMA app FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO pg_monitor WITH GRANT OPTION;
GRANT USAGE, CREATE ON SCHEMA app TO PUBLIC;
GRANT USAGE ON SCHEMA "More" TO pg_read_all_data;
COMMIT;
