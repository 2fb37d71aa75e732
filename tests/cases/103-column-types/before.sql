CREATE TABLE t (n integer, s varchar(10), x text DEFAULT '7'::text, r real);
