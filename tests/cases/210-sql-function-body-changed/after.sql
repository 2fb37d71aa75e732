CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
CREATE VIEW w AS SELECT a FROM v WHERE a > 0;
-- twice takes a bigint now, and calc reads the new view w
CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(twice(a::bigint)) FROM w $$;
