-- plumb:renamed from=stem_old
CREATE TEXT SEARCH DICTIONARY public.stem_new (
    TEMPLATE = pg_catalog.snowball,
    language = 'english' );

-- plumb:renamed from=cfg_old
CREATE TEXT SEARCH CONFIGURATION public.cfg_new (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.cfg_new
    ADD MAPPING FOR asciiword WITH public.stem_new;

ALTER TEXT SEARCH CONFIGURATION public.cfg_new
    ADD MAPPING FOR word WITH simple;

CREATE TABLE docs (id integer PRIMARY KEY, body text);
CREATE INDEX docs_body ON docs USING gin (to_tsvector('public.cfg_new'::regconfig, body));
