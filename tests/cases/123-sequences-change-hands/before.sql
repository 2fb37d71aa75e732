CREATE TABLE t1 (id serial PRIMARY KEY);
CREATE SEQUENCE t2_id_seq;
CREATE TABLE t2 (id integer NOT NULL DEFAULT nextval('t2_id_seq'::regclass));
