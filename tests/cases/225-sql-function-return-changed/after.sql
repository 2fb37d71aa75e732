-- a's type changes under view v, which calc (unchanged) reads: calc goes
-- before v and comes back after it; inc's and dbl's new bodies replace the
-- old ones in place
CREATE TABLE t (a bigint);
CREATE VIEW v AS SELECT a FROM t WHERE a > 0;
CREATE FUNCTION inc(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 2;
CREATE FUNCTION dbl(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN inc($1) * 3;
CREATE FUNCTION calc(int) RETURNS bigint LANGUAGE sql STABLE
RETURN inc($1) + (SELECT count(*) FROM v);
COMMENT ON FUNCTION calc(int) IS 'inc, plus the rows of v';
