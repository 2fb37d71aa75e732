BEGIN;
CREATE TEXT SEARCH DICTIONARY "public"."english_stem_nostop" (TEMPLATE = "snowball", language = 'english');
CREATE TEXT SEARCH CONFIGURATION "public"."en_nostop" (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION "public"."en_nostop" ADD MAPPING FOR asciiword WITH "english_stem_nostop";
ALTER TEXT SEARCH CONFIGURATION "public"."en_nostop" ADD MAPPING FOR word WITH "english_stem_nostop";
ALTER TEXT SEARCH CONFIGURATION "public"."en_nostop" ADD MAPPING FOR numword WITH "simple";
-- hazard builds-index: builds index "docs_body" on "docs", blocking writes meanwhile
CREATE INDEX docs_body ON public.docs USING gin (to_tsvector('public.en_nostop'::regconfig, body));
COMMIT;
