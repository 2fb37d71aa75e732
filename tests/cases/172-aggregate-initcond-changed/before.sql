CREATE TABLE t (g text, v integer);
CREATE FUNCTION add_int(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE AGGREGATE my_sum(integer) (SFUNC = add_int, STYPE = integer, INITCOND = '0');
CREATE VIEW totals AS SELECT g, my_sum(v) AS s FROM t GROUP BY g;
