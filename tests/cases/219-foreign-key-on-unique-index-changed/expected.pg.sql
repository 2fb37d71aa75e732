BEGIN;
-- hazard access-exclusive-lock: locks table "p" against reads and writes while it runs
DROP INDEX "public"."p_id_key";
-- hazard builds-index: builds index "p_id_uniq" on "p", blocking writes meanwhile
CREATE UNIQUE INDEX p_id_uniq ON public.p USING btree (id) INCLUDE (code);
COMMIT;
