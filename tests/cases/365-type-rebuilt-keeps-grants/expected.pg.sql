BEGIN;
-- enum "mood" loses values: build the new type, move the columns over, drop the old one
CREATE TYPE "public"."mood__plumb_new" AS ENUM ('sad', 'happy');
DROP TYPE "public"."mood";
ALTER TYPE "public"."mood__plumb_new" RENAME TO "mood";
DROP TYPE "public"."pair";
CREATE TYPE public.pair AS (a int, b text);
GRANT USAGE ON TYPE public.mood TO pg_monitor WITH GRANT OPTION;
GRANT USAGE ON TYPE public.pair TO pg_monitor;
REVOKE USAGE ON TYPE public.pair FROM PUBLIC;
COMMIT;
