BEGIN;
-- the key it references changes: dropped here, added again after
-- hazard access-exclusive-lock: locks table "c" against reads and writes while it runs
ALTER TABLE "public"."c" DROP CONSTRAINT "c_p_id_fkey";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_id_key";
-- hazard builds-index: builds index "p_id_uniq" on "p", blocking writes meanwhile
CREATE UNIQUE INDEX p_id_uniq ON public.p USING btree (id) INCLUDE (code);
-- hazard validates-by-scan: scans table "c" to check the foreign key; blocks writes to it and to "p" meanwhile
ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id");
COMMIT;
