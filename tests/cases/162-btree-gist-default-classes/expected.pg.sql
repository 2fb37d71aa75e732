BEGIN;
-- hazard access-exclusive-lock: locks table "b" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "b_id_r_excl" on "b"
ALTER TABLE "public"."b" ADD CONSTRAINT "b_id_r_excl" EXCLUDE USING gist (id WITH =, r WITH &&);
-- hazard access-exclusive-lock: locks table "b" against reads and writes while it runs
-- hazard builds-index: builds the index of constraint "b_m_r_excl" on "b"
ALTER TABLE "public"."b" ADD CONSTRAINT "b_m_r_excl" EXCLUDE USING gist (m WITH =, r WITH &&);
-- hazard builds-index: builds index "b_c" on "b", blocking writes meanwhile
CREATE INDEX b_c ON public.b USING gist (c inet_ops);
-- hazard builds-index: builds index "b_id_v" on "b", blocking writes meanwhile
CREATE INDEX b_id_v ON public.b USING gist (id, v);
COMMIT;
