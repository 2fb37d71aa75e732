BEGIN;
-- hazard access-exclusive-lock: locks "gone" against reads and writes while it runs
DROP TRIGGER "gone_touch" ON "public"."gone";
-- hazard access-exclusive-lock: locks table "gone" against reads and writes while it runs
DROP POLICY "gone_read" ON "public"."gone";
-- hazard access-exclusive-lock: locks table "gone" against reads and writes while it runs
DROP RULE "gone_keep" ON "public"."gone";
-- hazard access-exclusive-lock: locks table "kept" against reads and writes while it runs
ALTER TABLE "public"."kept" DROP CONSTRAINT "kept_gone_id_fkey";
-- hazard deletes-data: drops table "gone" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."gone";
COMMIT;
