CREATE TABLE t (a integer, b text, c integer, CONSTRAINT t_pk PRIMARY KEY (a) INCLUDE (b));
CREATE TABLE w (a integer, b text, c integer, UNIQUE (a) INCLUDE (b, c));
CREATE TABLE n (a integer, b text, CONSTRAINT n_u UNIQUE (a) INCLUDE (b));
