BEGIN;
DROP FUNCTION "public"."a_of"(t);
DROP FUNCTION "public"."all_t"();
-- hazard deletes-data: drops table "t" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."t";
COMMIT;
