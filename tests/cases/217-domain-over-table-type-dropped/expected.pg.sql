BEGIN;
-- hazard deletes-data: drops table "a_shape" and its rows
-- hazard deletes-data: drops table "point2" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."a_shape", "public"."point2";
DROP DOMAIN "public"."pos";
COMMIT;
