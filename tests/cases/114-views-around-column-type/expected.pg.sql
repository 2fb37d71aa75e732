BEGIN;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "v2" against reads and writes while it runs
DROP VIEW "public"."v2";
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "v1" against reads and writes while it runs
DROP VIEW "public"."v1";
-- hazard access-exclusive-lock: locks table "users" against reads and writes while it runs
-- hazard rewrites-table: changes the type of column "users"."age" from integer to bigint: rewrites every row
ALTER TABLE "public"."users" ALTER COLUMN "age" TYPE bigint USING "age"::bigint;
CREATE VIEW public.v1 AS SELECT id, age FROM users;
CREATE VIEW public.v2 AS SELECT age FROM v1;
COMMIT;
