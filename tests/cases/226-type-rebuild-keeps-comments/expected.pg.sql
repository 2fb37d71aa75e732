BEGIN;
-- enum "mood" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."mood__plumb_new" AS ENUM ('a', 'b');
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "m"
-- hazard deletes-data: value 'c' leaves enum "mood": rows of "t"."m" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "m" TYPE "public"."mood__plumb_new" USING "m"::text::"public"."mood__plumb_new";
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to change the type of "d"
-- hazard deletes-data: value 'c' leaves enum "mood": rows of "t"."d" holding it make the change fail
ALTER TABLE "public"."t" ALTER COLUMN "d" TYPE "public"."mood__plumb_new" USING "d"::text::"public"."mood__plumb_new";
-- its signature names enum "mood": dropped, created again after
DROP FUNCTION "public"."f"(mood);
-- a domain over enum "mood": dropped, created again after
DROP DOMAIN "public"."dm";
DROP TYPE "public"."mood";
ALTER TYPE "public"."mood__plumb_new" RENAME TO "mood";
CREATE DOMAIN public.dm AS mood;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to check the domain
ALTER TABLE "public"."t" ALTER COLUMN "d" TYPE dm;
CREATE FUNCTION f(x mood) RETURNS int LANGUAGE sql AS $$select 1$$;
-- domain "code" changes its base type: the column holds the old one meanwhile
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE "public"."t" ALTER COLUMN "c" TYPE text;
-- its signature names domain "code": dropped, created again after
DROP FUNCTION "public"."g"(code);
-- no ALTER DOMAIN changes the base type (text to character varying(10)): drop the domain and create it again
DROP DOMAIN "public"."code";
CREATE DOMAIN public.code AS varchar(10);
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
-- hazard rewrites-table: rewrites table "t" to give column "c" the type of domain "code" again
-- hazard narrows-type: domain "code" goes from text to character varying(10): values of "t"."c" may not fit or may change
ALTER TABLE "public"."t" ALTER COLUMN "c" TYPE code USING "c"::code;
CREATE FUNCTION g(x code) RETURNS int LANGUAGE sql AS $$select 2$$;
COMMENT ON DOMAIN public.dm IS 'a domain over the enum';
COMMENT ON FUNCTION public.f(mood) IS 'over the enum';
COMMENT ON FUNCTION public.g(code) IS 'over the domain';
COMMIT;
