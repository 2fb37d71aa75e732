BEGIN;
-- the key it references changes: dropped here, added again after
-- hazard access-exclusive-lock: locks table "c" against reads and writes while it runs
ALTER TABLE "public"."c" DROP CONSTRAINT "c_p_id_ref";
-- the key it references changes: dropped here, added again after
-- hazard access-exclusive-lock: locks table "c" against reads and writes while it runs
ALTER TABLE "public"."c" DROP CONSTRAINT "c_x_y_fkey";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_ba_key";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_id_key";
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_note_idx";
-- hazard builds-index: builds index "p_ab_key" on "p", blocking writes meanwhile
CREATE UNIQUE INDEX p_ab_key ON public.p USING btree (a, b);
-- hazard builds-index: builds index "p_id_key" on "p", blocking writes meanwhile
CREATE UNIQUE INDEX p_id_key ON public.p USING btree (id) INCLUDE (note);
-- hazard builds-index: builds index "p_note_idx" on "p", blocking writes meanwhile
CREATE INDEX p_note_idx ON public.p USING btree (lower(note));
-- hazard validates-by-scan: scans table "c" to check the foreign key; blocks writes to it and to "p" meanwhile
ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id");
-- hazard validates-by-scan: scans table "c" to check the foreign key; blocks writes to it and to "p" meanwhile
ALTER TABLE "public"."c" ADD CONSTRAINT "c_x_y_fkey" FOREIGN KEY ("x", "y") REFERENCES "public"."p" ("a", "b");
COMMIT;
