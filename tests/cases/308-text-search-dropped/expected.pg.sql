BEGIN;
-- hazard access-exclusive-lock: locks table "docs" against reads and writes while it runs
DROP INDEX "public"."docs_body";
DROP TEXT SEARCH CONFIGURATION "public"."en_nostop";
DROP TEXT SEARCH DICTIONARY "public"."english_stem_nostop";
COMMIT;
