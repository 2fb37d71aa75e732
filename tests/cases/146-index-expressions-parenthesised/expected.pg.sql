BEGIN;
-- hazard builds-index: builds index "r_call_pattern" on "r", blocking writes meanwhile
CREATE INDEX r_call_pattern ON public.r USING btree (lower(name) text_pattern_ops);
-- hazard builds-index: builds index "r_cast" on "r", blocking writes meanwhile
CREATE INDEX r_cast ON public.r USING btree ((name::text));
-- hazard builds-index: builds index "r_cast_pattern" on "r", blocking writes meanwhile
CREATE INDEX r_cast_pattern ON public.r USING btree ((name::text) text_pattern_ops DESC);
-- hazard builds-index: builds index "r_cast_trgm" on "r", blocking writes meanwhile
CREATE INDEX r_cast_trgm ON public.r USING gin ((name::text) public.gin_trgm_ops);
-- hazard builds-index: builds index "r_utc" on "r", blocking writes meanwhile
CREATE INDEX r_utc ON public.r USING btree ((at AT TIME ZONE 'UTC'), (n + 1));
COMMIT;
