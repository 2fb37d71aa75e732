CREATE TABLE t (v double precision);
CREATE FUNCTION collect(s double precision[], v double precision)
  RETURNS double precision[] LANGUAGE sql IMMUTABLE AS 'SELECT s || v';
CREATE FUNCTION pick(s double precision[], f double precision, v double precision)
  RETURNS double precision LANGUAGE sql IMMUTABLE
  AS 'SELECT (SELECT array_agg(x ORDER BY x) FROM unnest(s) x)[greatest(1, ceil(f * array_length(s, 1)))::integer]';
-- an ordered-set aggregate: called WITHIN GROUP, named with its ORDER BY
CREATE AGGREGATE pct(f double precision ORDER BY v double precision) (
  SFUNC = collect, STYPE = double precision[], FINALFUNC = pick,
  FINALFUNC_EXTRA, INITCOND = '{}');
CREATE VIEW median AS SELECT pct(0.5) WITHIN GROUP (ORDER BY v) AS m FROM t;
