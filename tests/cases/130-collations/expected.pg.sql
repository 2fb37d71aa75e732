BEGIN;
CREATE COLLATION "public"."split" (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard builds-index: rebuilds the indexes on column "t"."b" for the new collation
ALTER TABLE "public"."t" ALTER COLUMN "b" TYPE text COLLATE split;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ADD COLUMN "c" text COLLATE split;
DROP COLLATION "public"."posix";
COMMIT;
