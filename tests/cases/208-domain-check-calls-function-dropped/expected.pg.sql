BEGIN;
-- hazard deletes-data: drops table "users" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."users";
DROP FUNCTION "public"."initial"(email);
DROP DOMAIN "public"."email";
DROP FUNCTION "public"."is_email"(text);
COMMIT;
