CREATE TABLE t (g text, v integer);
CREATE FUNCTION step_add(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE FUNCTION to_half(s integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT s / 2.0';
CREATE AGGREGATE my_half(integer) (SFUNC = step_add, STYPE = integer, FINALFUNC = to_half, INITCOND = '0');
CREATE VIEW halves AS SELECT g, my_half(v) AS h FROM t GROUP BY g;
