CREATE SEQUENCE t1_id_seq;
CREATE TABLE t1 (id integer NOT NULL DEFAULT nextval('t1_id_seq'::regclass) PRIMARY KEY);
CREATE TABLE t2 (id serial);
