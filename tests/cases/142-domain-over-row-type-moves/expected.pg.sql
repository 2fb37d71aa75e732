BEGIN;
SET check_function_bodies = false;
-- domain "pos" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
ALTER TABLE "public"."shapes" ALTER COLUMN "p" TYPE point2;
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
ALTER TABLE "public"."shapes" ALTER COLUMN "q" DROP DEFAULT;
-- domain "pos" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
ALTER TABLE "public"."shapes" ALTER COLUMN "q" TYPE point2;
-- its signature names domain "pos": dropped
DROP FUNCTION "public"."origin"();
-- no ALTER DOMAIN changes the base type (point2 to point3): drop the domain and create it again
DROP DOMAIN "public"."pos";
CREATE DOMAIN public.pos AS point3 CONSTRAINT pos_check CHECK ((value).x >= 0);
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "shapes" to give column "p" the type of domain "pos" again
-- hazard deletes-data: no cast turns point2 into point3: column "shapes"."p" loses its values (set to NULL)
ALTER TABLE "public"."shapes" ALTER COLUMN "p" TYPE pos USING NULL::pos;
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "shapes" to give column "q" the type of domain "pos" again
-- hazard deletes-data: no cast turns point2 into point3: column "shapes"."q" loses its values (set to NULL)
ALTER TABLE "public"."shapes" ALTER COLUMN "q" TYPE pos USING NULL::pos;
-- domain "tup" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
ALTER TABLE "public"."shapes" ALTER COLUMN "t" TYPE pair;
-- no ALTER DOMAIN changes the base type (pair to triple): drop the domain and create it again
DROP DOMAIN "public"."tup";
CREATE DOMAIN public.tup AS triple;
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "shapes" to give column "t" the type of domain "tup" again
-- hazard deletes-data: no cast turns pair into triple: column "shapes"."t" loses its values (set to NULL)
ALTER TABLE "public"."shapes" ALTER COLUMN "t" TYPE tup USING NULL::tup;
CREATE FUNCTION origin() RETURNS pos LANGUAGE sql AS $$ SELECT ROW(0, 0, 0)::pos $$;
-- hazard access-exclusive-lock: locks table "shapes" against reads and writes while it runs
ALTER TABLE "public"."shapes" ALTER COLUMN "q" SET DEFAULT '(0,0,0)';
COMMIT;
