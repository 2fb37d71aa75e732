BEGIN;
ALTER TABLE "public"."b" SET (autovacuum_vacuum_scale_factor=0.2, fillfactor=50);
ALTER TABLE "public"."c" RESET (autovacuum_enabled);
ALTER TABLE "public"."c" SET (fillfactor=75, toast_tuple_target=256);
CREATE UNLOGGED TABLE "public"."d" (
    "id" integer
) WITH (autovacuum_enabled=true, fillfactor=50);
COMMIT;
