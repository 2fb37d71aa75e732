BEGIN;
CREATE TABLE "public"."point3" (
    "x" integer,
    "y" integer,
    "z" integer
);
-- domain "pos" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "a_shape" against reads and writes while it runs
ALTER TABLE "public"."a_shape" ALTER COLUMN "p" TYPE point2;
-- no ALTER DOMAIN changes the base type (point2 to point3): drop the domain and create it again
DROP DOMAIN "public"."pos";
CREATE DOMAIN public.pos AS point3 CONSTRAINT pos_check CHECK ((value).x >= 0);
-- hazard access-exclusive-lock: locks table "a_shape" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "a_shape" to give column "p" the type of domain "pos" again
-- hazard deletes-data: no cast turns point2 into point3: column "a_shape"."p" loses its values (set to NULL)
ALTER TABLE "public"."a_shape" ALTER COLUMN "p" TYPE pos USING NULL::pos;
COMMIT;
