CREATE TABLE t (a integer, b integer, c integer);
COMMENT ON TABLE t IS 'old';
CREATE MATERIALIZED VIEW mv AS SELECT a, c FROM t;
CREATE INDEX mv_a_idx ON mv (a);
