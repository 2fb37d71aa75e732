CREATE SEQUENCE t_id_seq AS integer;
CREATE TABLE u (id int NOT NULL DEFAULT nextval('t_id_seq') PRIMARY KEY, v int);
ALTER TABLE u RENAME CONSTRAINT u_pkey TO t_pkey;
ALTER SEQUENCE t_id_seq OWNED BY u.id;
CREATE TABLE r (t_id int, CONSTRAINT r_t_id_fkey FOREIGN KEY (t_id) REFERENCES u (id));
CREATE INDEX t_v ON u (v);
CREATE VIEW tv AS SELECT id, v FROM u WHERE v > 0;
COMMENT ON TABLE u IS 'tee';
