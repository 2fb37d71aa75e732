CREATE SCHEMA ext;
CREATE FUNCTION my_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE FUNCTION my_ne(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 <> $2';
CREATE OPERATOR === (FUNCTION = my_eq, LEFTARG = integer, RIGHTARG = integer, NEGATOR = !==);
CREATE OPERATOR !== (FUNCTION = my_ne, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR FAMILY fam USING hash;
ALTER OPERATOR FAMILY fam USING hash ADD OPERATOR 1 === (integer, integer);
COMMENT ON OPERATOR === (integer, integer) IS 'same';
CREATE AGGREGATE my_sum(integer) (SFUNC = int4pl, STYPE = integer);
CREATE TABLE t (a integer, b integer CHECK (b === b));
CREATE INDEX t_ab ON t ((a === b));
CREATE VIEW v AS SELECT a === b AS eq, my_sum(a) AS total FROM t GROUP BY a, b;
-- a migrations folder's replay: the operator and the aggregate move, and
-- what names them follows
ALTER OPERATOR === (integer, integer) SET SCHEMA ext;
ALTER AGGREGATE my_sum(integer) SET SCHEMA ext;
