-- statistics targets of columns and of index expressions: set, changed,
-- reset; kept through a type change, not taken by a new partition
CREATE TABLE s (a int, b text, c int, d int);
ALTER TABLE s ALTER COLUMN c SET STATISTICS 300;
ALTER TABLE s ALTER COLUMN d SET STATISTICS 50;
CREATE INDEX s_i ON s ((a + 1), b, (lower(b)));
ALTER INDEX s_i ALTER COLUMN 3 SET STATISTICS 10;
CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);
