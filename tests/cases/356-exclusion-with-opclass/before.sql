CREATE TABLE t (id integer, b box);
