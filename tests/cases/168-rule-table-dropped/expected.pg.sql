BEGIN;
-- hazard access-exclusive-lock: locks table "drafts" against reads and writes while it runs
DROP RULE "drafts_publish" ON "public"."drafts";
-- hazard access-exclusive-lock: locks table "drafts" against reads and writes while it runs
DROP RULE "drafts_readonly" ON "public"."drafts";
-- hazard deletes-data: drops table "drafts" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."drafts";
COMMIT;
