-- pg_dump's pattern for a serial column: the sequence on its own, then
-- OWNED BY and the default. The sequence has the name serial gives it, so
-- the column is serial.
CREATE TABLE t (id integer NOT NULL);
CREATE SEQUENCE t_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE t_id_seq OWNED BY t.id;
ALTER TABLE ONLY t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);

-- the same with a sequence of another name: serial would rename it, so the
-- column stays an integer with a default and its sequence stays owned
CREATE TABLE u (id integer NOT NULL);
CREATE SEQUENCE my_seq AS integer;
ALTER SEQUENCE my_seq OWNED BY u.id;
ALTER TABLE u ALTER COLUMN id SET DEFAULT nextval('my_seq'::regclass);

