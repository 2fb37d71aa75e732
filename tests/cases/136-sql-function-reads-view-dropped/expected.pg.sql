BEGIN;
-- hazard access-exclusive-lock: locks view "v3" against reads and writes while it runs
DROP VIEW "public"."v3";
DROP FUNCTION "public"."reads_v2"();
-- hazard access-exclusive-lock: locks view "v2" against reads and writes while it runs
DROP VIEW "public"."v2";
-- hazard access-exclusive-lock: locks view "v1" against reads and writes while it runs
DROP VIEW "public"."v1";
COMMIT;
