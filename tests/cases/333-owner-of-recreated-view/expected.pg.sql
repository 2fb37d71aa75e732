BEGIN;
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
DROP TYPE "public"."kind";
CREATE TYPE public.kind AS (x int, y int);
CREATE VIEW public.v AS SELECT id, b FROM t;
ALTER TYPE public.kind OWNER TO pg_monitor;
ALTER VIEW public.v OWNER TO pg_monitor;
COMMIT;
