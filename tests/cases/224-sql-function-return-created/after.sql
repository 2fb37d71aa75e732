CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t WHERE a > 0;
-- inc sorts after calc and dbl, which call it; a RETURN body is bound when created
CREATE FUNCTION inc(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;
CREATE FUNCTION dbl(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN inc($1) * 2;
CREATE FUNCTION calc(int) RETURNS bigint LANGUAGE sql STABLE
RETURN inc($1) + (SELECT count(*) FROM v);
