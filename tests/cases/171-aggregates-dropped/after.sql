CREATE TABLE t (g text, v integer);
