BEGIN;
-- hazard access-exclusive-lock: locks table "u" against reads and writes while it runs
-- hazard validates-by-scan: scans table "u" to check every row
ALTER TABLE "public"."u" ADD CONSTRAINT "u_email_check" CHECK (email <> ''::citext);
-- hazard access-exclusive-lock: locks table "u" against reads and writes while it runs
-- hazard validates-by-scan: scans table "u" to check every row
ALTER TABLE "public"."u" ADD CONSTRAINT "u_email_check1" CHECK (email = 'x');
-- hazard access-exclusive-lock: locks table "u" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "u_email_excl" on "u"
ALTER TABLE "public"."u" ADD CONSTRAINT "u_email_excl" EXCLUDE (email WITH =);
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "w_c_excl" on "w"
ALTER TABLE "public"."w" ADD CONSTRAINT "w_c_excl" EXCLUDE (c WITH =);
-- hazard builds-index: builds index "w_pattern" on "w", blocking writes meanwhile
CREATE INDEX w_pattern ON public.w USING btree (c citext_pattern_ops);
COMMIT;
