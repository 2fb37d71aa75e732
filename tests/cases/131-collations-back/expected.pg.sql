BEGIN;
CREATE COLLATION "public"."posix" (provider = libc, locale = 'POSIX');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard deletes-data: drops column "t"."c" and its values
ALTER TABLE "public"."t" DROP COLUMN "c";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard builds-index: rebuilds the indexes on column "t"."b" for the new collation
ALTER TABLE "public"."t" ALTER COLUMN "b" TYPE text COLLATE posix;
DROP COLLATION "public"."split";
COMMIT;
