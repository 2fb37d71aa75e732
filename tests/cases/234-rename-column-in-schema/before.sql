CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL CHECK (a > 0));
CREATE INDEX t_a ON t (a);
