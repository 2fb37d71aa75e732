CREATE TABLE t (g text, v integer);
CREATE FUNCTION step_add(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
-- the final function's result type changes: it is dropped and created, so
-- the aggregate over it (unchanged) and the view calling that go and come back
CREATE FUNCTION to_half(s integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS 'SELECT s / 2.0';
CREATE AGGREGATE my_half(integer) (SFUNC = step_add, STYPE = integer, FINALFUNC = to_half, INITCOND = '0');
CREATE VIEW halves AS SELECT g, my_half(v) AS h FROM t GROUP BY g;
