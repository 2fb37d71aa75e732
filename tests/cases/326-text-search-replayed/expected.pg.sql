BEGIN;
CREATE SCHEMA "fts";
CREATE TEXT SEARCH DICTIONARY "fts"."d2" (TEMPLATE = "simple", stopwords = 'english', accept = 'false');
CREATE TEXT SEARCH CONFIGURATION "fts"."c2" (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION "fts"."c2" ADD MAPPING FOR asciiword WITH "fts"."d2", "simple";
DROP TEXT SEARCH CONFIGURATION "public"."c1";
DROP TEXT SEARCH DICTIONARY "public"."d1";
COMMIT;
