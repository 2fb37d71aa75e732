BEGIN;
ALTER TABLE "public"."t" RESET (fillfactor, toast.autovacuum_enabled);
ALTER TABLE "public"."u" RESET (autovacuum_vacuum_scale_factor);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" REPLICA IDENTITY DEFAULT;
-- hazard access-exclusive-lock: locks table "u" against reads and writes while it runs
ALTER TABLE "public"."u" REPLICA IDENTITY DEFAULT;
-- hazard access-exclusive-lock: locks table "w" against reads and writes while it runs
ALTER TABLE "public"."w" REPLICA IDENTITY DEFAULT;
COMMIT;
