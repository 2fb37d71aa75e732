BEGIN;
-- hazard access-exclusive-lock: locks table "articles" against reads and writes while it runs
-- hazard validates-by-scan: scans table "articles" to check every row
ALTER TABLE "public"."articles" ADD CONSTRAINT "titled" CHECK ((COALESCE(title, '') || COALESCE(body, '')) <> '');
-- hazard access-exclusive-lock: locks table "articles" against reads and writes while it runs
-- hazard validates-by-scan: scans table "articles" to check every row
ALTER TABLE "public"."articles" ADD CONSTRAINT "ranked" CHECK (GREATEST(score, rank) >= 0 AND COALESCE(price, rank) >= 0);
-- hazard builds-index: builds index "articles_body" on "articles", blocking writes meanwhile
CREATE INDEX articles_body ON public.articles USING btree ((body::text));
-- hazard builds-index: builds index "articles_search" on "articles", blocking writes meanwhile
CREATE INDEX articles_search ON public.articles USING gin (to_tsvector('english', (COALESCE(title, '') || ' ') || COALESCE(body, '')));
-- hazard builds-index: builds index "articles_slug" on "articles", blocking writes meanwhile
CREATE INDEX articles_slug ON public.articles USING btree (((lower(slug) || '-') || id)) WHERE COALESCE(slug, '') <> '';
COMMIT;
