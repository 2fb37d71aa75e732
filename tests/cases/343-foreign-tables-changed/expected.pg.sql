BEGIN;
-- a foreign table's column: its values stay on the server, no data is lost
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
ALTER TABLE "public"."items" DROP COLUMN "gone";
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
ALTER TABLE "public"."items" ALTER COLUMN "id" SET DEFAULT 0;
ALTER FOREIGN TABLE "public"."items" ALTER COLUMN "id" OPTIONS (SET "column_name" 'Id');
ALTER FOREIGN TABLE "public"."items" ALTER COLUMN "name" OPTIONS (DROP "column_name");
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
ALTER TABLE "public"."items" ADD COLUMN "price" numeric OPTIONS (column_name 'PRICE');
-- hazard access-exclusive-lock: locks table "items" against reads and writes while it runs
ALTER TABLE "public"."items" ADD CONSTRAINT "price_positive" CHECK (price > 0);
ALTER FOREIGN TABLE "public"."items" OPTIONS (DROP "fetch_size", ADD "schema_name" 'shop', SET "table_name" 'items2');
-- the foreign table's server changes: drop and create the table
-- hazard access-exclusive-lock: locks table "moved" against reads and writes while it runs
DROP FOREIGN TABLE "public"."moved";
CREATE FOREIGN TABLE "public"."moved" (
    "id" integer
) SERVER "other";
COMMENT ON FOREIGN TABLE public.items IS 'new';
COMMIT;
