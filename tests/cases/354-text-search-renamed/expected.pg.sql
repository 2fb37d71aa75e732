BEGIN;
-- hazard access-exclusive-lock: locks table "docs" against reads and writes while it runs
DROP INDEX "public"."docs_body";
ALTER TEXT SEARCH DICTIONARY "public"."stem_old" RENAME TO "stem_new";
ALTER TEXT SEARCH CONFIGURATION "public"."cfg_old" RENAME TO "cfg_new";
ALTER TEXT SEARCH CONFIGURATION "public"."cfg_new" ADD MAPPING FOR word WITH "simple";
-- hazard builds-index: builds index "docs_body" on "docs", blocking writes meanwhile
CREATE INDEX docs_body ON public.docs USING gin (to_tsvector('public.cfg_new'::regconfig, body));
COMMIT;
