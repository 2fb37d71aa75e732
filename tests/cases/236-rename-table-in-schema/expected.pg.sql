BEGIN;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
DROP INDEX "public"."t_v";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" RENAME TO "u";
-- hazard builds-index: builds index "t_v" on "u", blocking writes meanwhile
CREATE INDEX t_v ON public.u USING btree (v);
COMMIT;
