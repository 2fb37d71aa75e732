CREATE TABLE t (g text, v integer);
-- by name the aggregates sort before their support functions: the plan
-- orders them by what each needs
CREATE FUNCTION step_add(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE FUNCTION to_half(s integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT s / 2.0';
CREATE AGGREGATE my_sum(integer) (SFUNC = step_add, STYPE = integer, INITCOND = '0');
CREATE AGGREGATE my_half(v integer) (sfunc = step_add, stype = int4, finalfunc = to_half,
  initcond = 0, combinefunc = step_add, parallel = safe);
CREATE VIEW totals AS SELECT g, my_sum(v) AS s, my_half(v) AS h FROM t GROUP BY g;
