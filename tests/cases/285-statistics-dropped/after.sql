CREATE TABLE kept (a int, b int);
CREATE STATISTICS kept_ab ON a, b FROM kept;
CREATE STATISTICS kept_ac ON a, (b + 1) FROM kept;
