BEGIN;
-- hazard access-exclusive-lock: locks view "a_view" against reads and writes while it runs
DROP VIEW "public"."a_view";
DROP FUNCTION "public"."answer"();
COMMIT;
