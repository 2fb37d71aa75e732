BEGIN;
-- hazard access-exclusive-lock: locks table "r" against reads and writes while it runs
-- hazard validates-by-scan: scans table "r" to check every row
ALTER TABLE "public"."r" ADD CONSTRAINT "r_name_check" CHECK (name % 'abc');
-- hazard builds-index: builds index "r_name_gist" on "r", blocking writes meanwhile
CREATE INDEX r_name_gist ON public.r USING gist (name gist_trgm_ops(siglen=32));
-- hazard builds-index: builds index "r_name_trgm" on "r", blocking writes meanwhile
CREATE INDEX r_name_trgm ON public.r USING gin (name gin_trgm_ops);
-- hazard builds-index: builds index "r_tags" on "r", blocking writes meanwhile
CREATE INDEX r_tags ON public.r USING gist (tags);
COMMIT;
