CREATE TABLE t (n bigint, s varchar(20), x integer DEFAULT 7, r double precision);
