-- statistics targets of columns and of index expressions: set, changed,
-- reset; kept through a type change, not taken by a new partition
CREATE TABLE s (a bigint, b text, c int, d int);
ALTER TABLE s ALTER COLUMN a SET STATISTICS 500;
ALTER TABLE s ALTER COLUMN c SET STATISTICS 20000;
CREATE INDEX s_i ON s ((a + 1), b, (lower(b)));
ALTER INDEX s_i ALTER COLUMN 1 SET STATISTICS 1000;
CREATE INDEX s_j ON s ((c * 2));
ALTER INDEX s_j ALTER COLUMN 1 SET STATISTICS 0;
CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);
ALTER TABLE p ALTER COLUMN b SET STATISTICS 200;
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
