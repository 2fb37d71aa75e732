CREATE TABLE t (a integer, b text);
CREATE INDEX "select" ON t (a);
CREATE UNIQUE INDEX "Order" ON t (b);
CREATE INDEX "user_2" ON t (b);
