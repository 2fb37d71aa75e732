BEGIN;
-- reads a table or view that changes: dropped here, created again after
-- hazard access-exclusive-lock: locks view "order_totals" against reads and writes while it runs
DROP VIEW "public"."order_totals";
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
ALTER TABLE "public"."orders" ALTER COLUMN "total" DROP DEFAULT;
-- domain "amount" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
ALTER TABLE "public"."orders" ALTER COLUMN "total" TYPE integer;
-- domain "amount" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
ALTER TABLE "public"."orders" ALTER COLUMN "fee" TYPE integer;
-- domain "amount" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
ALTER TABLE "public"."orders" ALTER COLUMN "parts" TYPE integer[];
-- its signature names domain "amount": dropped, created again after
DROP FUNCTION "public"."doubled"(amount);
-- a domain over domain "amount": dropped, created again after
DROP DOMAIN "public"."small_amount";
-- no ALTER DOMAIN changes the base type (integer to bigint): drop the domain and create it again
DROP DOMAIN "public"."amount";
CREATE DOMAIN public.amount AS bigint CONSTRAINT amount_check CHECK (value >= 0);
CREATE DOMAIN public.small_amount AS amount DEFAULT 5;
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "orders" to give column "total" the type of domain "amount" again
ALTER TABLE "public"."orders" ALTER COLUMN "total" TYPE amount USING "total"::amount;
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "orders" to give column "fee" the type of domain "amount" again
ALTER TABLE "public"."orders" ALTER COLUMN "fee" TYPE small_amount USING "fee"::small_amount;
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "orders" to give column "parts" the type of domain "amount" again
ALTER TABLE "public"."orders" ALTER COLUMN "parts" TYPE amount[] USING "parts"::amount[];
-- hazard access-exclusive-lock: locks table "orders" against reads and writes while it runs
ALTER TABLE "public"."orders" ALTER COLUMN "total" SET DEFAULT 0;
CREATE FUNCTION doubled(a amount) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a * 2 $$;
CREATE VIEW public.order_totals AS SELECT id, doubled(total) AS twice FROM orders;
COMMIT;
