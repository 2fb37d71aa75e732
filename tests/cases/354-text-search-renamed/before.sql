CREATE TEXT SEARCH DICTIONARY public.stem_old (
    TEMPLATE = pg_catalog.snowball,
    language = 'english' );

CREATE TEXT SEARCH CONFIGURATION public.cfg_old (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.cfg_old
    ADD MAPPING FOR asciiword WITH public.stem_old;

CREATE TABLE docs (id integer PRIMARY KEY, body text);
CREATE INDEX docs_body ON docs USING gin (to_tsvector('public.cfg_old'::regconfig, body));
