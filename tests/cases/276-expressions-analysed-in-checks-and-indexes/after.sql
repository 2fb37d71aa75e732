-- the server analyses a check's and an index's expressions as it does a
-- view's: the varchar COALESCE gives is cast to text for ||, GREATEST and
-- COALESCE take their arguments' common type, a cast to the type a column
-- has already goes (and leaves a plain column key): read so, each compares
-- equal to what it keeps, and the plan applied leaves nothing to do
CREATE TABLE articles (id integer, title varchar(200), body text, slug varchar(100),
    score bigint, rank integer, price numeric(10,2),
    CONSTRAINT titled CHECK (coalesce(title, '') || coalesce(body, '') <> ''),
    CONSTRAINT ranked CHECK (greatest(score, rank) >= 0 AND coalesce(price, rank) >= 0));
CREATE INDEX articles_search ON articles
    USING gin (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')));
CREATE INDEX articles_body ON articles ((body::text));
CREATE INDEX articles_slug ON articles ((lower(slug) || '-' || id)) WHERE coalesce(slug, '') <> '';
