CREATE TABLE gone (a int, b int);
CREATE STATISTICS gone_ab ON a, b FROM gone;
CREATE TABLE kept (a int, b int, c int);
CREATE STATISTICS kept_ab ON a, b FROM kept;
CREATE STATISTICS kept_bc ON b, c FROM kept;
CREATE STATISTICS kept_ac ON a, (c + 1) FROM kept;
