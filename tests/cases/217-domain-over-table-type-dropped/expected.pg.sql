BEGIN;
-- hazard deletes-data: drops table "a_shape" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."a_shape";
DROP DOMAIN "public"."pos";
-- hazard deletes-data: drops table "point2" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."point2";
COMMIT;
