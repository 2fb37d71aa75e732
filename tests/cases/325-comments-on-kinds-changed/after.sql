CREATE TYPE pr AS (a int, b int);
CREATE FUNCTION pr_lt(pr, pr) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.a < $2.a';
CREATE OPERATOR <<< (FUNCTION = pr_lt, LEFTARG = pr, RIGHTARG = pr);
CREATE FUNCTION pr_text(pr) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1.a::text';
CREATE CAST (pr AS text) WITH FUNCTION pr_text(pr);
CREATE TEXT SEARCH DICTIONARY cd (TEMPLATE = simple);
CREATE TEXT SEARCH CONFIGURATION cc (PARSER = default);
CREATE TABLE ct (a int, b int);
CREATE STATISTICS cst ON a, b FROM ct;
CREATE PUBLICATION cpub FOR TABLE ct;
CREATE OPERATOR CLASS ccls FOR TYPE integer USING btree AS OPERATOR 1 <,
    FUNCTION 1 btint4cmp(integer, integer);
COMMENT ON OPERATOR <<< (pr, pr) IS 'compares a, not b';
COMMENT ON PUBLICATION cpub IS 'ct''s rows, all of them';
COMMENT ON OPERATOR FAMILY ccls USING btree IS 'its family, changed';
