CREATE TABLE t (a int, b int, c text);
CREATE STATISTICS s_kinds (ndistinct) ON a, b FROM t;
CREATE STATISTICS s_target ON a, c FROM t;
CREATE STATISTICS s_reset ON b, c FROM t;
ALTER STATISTICS s_reset SET STATISTICS 50;
CREATE STATISTICS s_same ON a, b, c FROM t;
