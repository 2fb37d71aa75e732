CREATE TABLE t (v double precision);
