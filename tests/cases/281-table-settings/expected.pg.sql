BEGIN;
ALTER TABLE "public"."t" SET (fillfactor=70, toast.autovacuum_enabled=off);
ALTER TABLE "public"."u" RESET (fillfactor);
ALTER TABLE "public"."u" SET (autovacuum_vacuum_scale_factor=0.05);
CREATE TABLE "public"."w" (
    "a" integer NOT NULL,
    "b" jsonb
) WITH (autovacuum_enabled=false);
CREATE UNIQUE INDEX w_a ON public.w USING btree (a);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" REPLICA IDENTITY USING INDEX t_b;
-- hazard access-exclusive-lock: locks table "u" against reads and writes while it runs
ALTER TABLE "public"."u" REPLICA IDENTITY FULL;
ALTER TABLE "public"."w" REPLICA IDENTITY USING INDEX w_a;
COMMIT;
