BEGIN;
-- hazard builds-index: builds index "r_name" on "r", blocking writes meanwhile
CREATE INDEX r_name ON public.r USING gin (name ext.gin_trgm_ops);
-- hazard builds-index: builds index "r_name_gist" on "r", blocking writes meanwhile
CREATE INDEX r_name_gist ON public.r USING gist (name ext.gist_trgm_ops);
COMMIT;
