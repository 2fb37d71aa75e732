CREATE TABLE t (a int, b int, c text DEFAULT 'x');
CREATE STATISTICS s_kinds (ndistinct, mcv) ON a, b FROM t;
CREATE STATISTICS s_target ON a, c FROM t;
ALTER STATISTICS s_target SET STATISTICS 1000;
CREATE STATISTICS s_reset ON b, c FROM t;
CREATE STATISTICS s_same ON a, b, c FROM t;
