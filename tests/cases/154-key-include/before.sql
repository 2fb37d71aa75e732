CREATE TABLE t (a integer, b text, c integer, CONSTRAINT t_pk PRIMARY KEY (a));
CREATE TABLE w (a integer, b text, c integer, UNIQUE (a) INCLUDE (b));
