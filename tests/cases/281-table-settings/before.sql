CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL, c text);
CREATE UNIQUE INDEX t_b ON t (b);
CREATE TABLE u (a int, b text) WITH (fillfactor = 80);
