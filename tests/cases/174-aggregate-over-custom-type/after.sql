CREATE TABLE t (v integer);
CREATE SCHEMA stats;
CREATE TYPE stats.running AS (n integer, total bigint);
CREATE FUNCTION stats.finish(r stats.running) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS 'SELECT CASE WHEN (r).n = 0 THEN NULL ELSE (r).total::numeric / (r).n END';
CREATE FUNCTION stats.acc(r stats.running, v integer) RETURNS stats.running LANGUAGE sql IMMUTABLE
  AS 'SELECT ROW((r).n + 1, (r).total + v)::stats.running';
-- in a schema of its own, over a composite type; "a_mean" sorts first
CREATE AGGREGATE stats.a_mean(integer) (SFUNC = stats.acc, STYPE = stats.running,
  FINALFUNC = stats.finish, INITCOND = '(0,0)');
CREATE VIEW avg_v AS SELECT stats.a_mean(v) AS m FROM t;
